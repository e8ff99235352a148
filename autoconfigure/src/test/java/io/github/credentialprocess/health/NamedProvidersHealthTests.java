package io.github.credentialprocess.health;

import java.nio.file.Path;

import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The health of several providers: a composite {@code credentialProcess}, one component each. */
class NamedProvidersHealthTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		Path script = new Scripts(this.folder).rotatingCredentials(3600);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessHealthContributorAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.providers.billing.command=" + script,
					"aws.credential-process.providers.audit.command=" + script);
	}

	@Test
	void runWhenDefaultAndNamedProvidersExistShouldShowOneComponentEach() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + this.folder.resolve("process-1.sh"))
			.run((context) -> assertThat(componentNames(context.getBean("credentialProcessHealthIndicator",
					HealthContributor.class)))
				.containsExactly("default", "audit", "billing"));
	}

	@Test
	void runWhenOnlyNamedProvidersExistShouldShowOneComponentEach() {
		this.contextRunner.run((context) -> assertThat(
				componentNames(context.getBean("credentialProcessHealthIndicator", HealthContributor.class)))
			.containsExactly("audit", "billing"));
	}

	private static java.util.List<String> componentNames(HealthContributor contributor) {
		assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
		return ((CompositeHealthContributor) contributor).stream().map((entry) -> entry.name()).toList();
	}

}
