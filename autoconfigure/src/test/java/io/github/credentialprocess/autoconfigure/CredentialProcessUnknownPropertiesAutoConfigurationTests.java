package io.github.credentialprocess.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import io.github.credentialprocess.LogCapture;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A misspelt key under {@code aws.credential-process} is warned about once, with the closest known
 * property; the application still starts, so a newer configuration runs on an older starter.
 */
class CredentialProcessUnknownPropertiesAutoConfigurationTests {

	private static final String SCRIPT = new Scripts(Scripts.newTemporaryFolder())
		.printing(Scripts.credentialsJson(Optional.empty()))
		.toString();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
				CredentialProcessUnknownPropertiesAutoConfiguration.class));

	@Test
	void runWhenAPropertyIsMisspeltShouldWarnNamingTheClosestKnownOneAndStart() {
		List<String> warnings = warningsOf(this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + SCRIPT, "aws.credential-process.timout=5s"));
		assertThat(warnings).singleElement()
			.asString()
			.contains("aws.credential-process.timout is not a property of this starter and is ignored")
			.contains("did you mean aws.credential-process.timeout?")
			.doesNotContain("5s");
	}

	@Test
	void runWhenANestedPropertyIsMisspeltShouldWarnNamingTheClosestKnownOne() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues("aws.credential-process.command=" + SCRIPT,
				"aws.credential-process.retry.max-dealy=10s")))
			.singleElement()
			.asString()
			.contains("did you mean aws.credential-process.retry.max-delay?");
	}

	@Test
	void runWhenTheSourcePropertyIsMisspeltShouldWarnThoughNothingElseIsConfigured() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues("aws.credential-process.comand=" + SCRIPT)))
			.singleElement()
			.asString()
			.contains("did you mean aws.credential-process.command?");
	}

	@Test
	void runWhenAnUnknownPropertyIsFarFromEveryKnownOneShouldWarnWithoutAGuess() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues("aws.credential-process.command=" + SCRIPT,
				"aws.credential-process.region=eu-west-1")))
			.singleElement()
			.asString()
			.contains("aws.credential-process.region is not a property of this starter")
			.doesNotContain("did you mean");
	}

	@Test
	void runWhenAnUnknownPropertyIsInTwoLayersShouldWarnOnce() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues("aws.credential-process.command=" + SCRIPT)
			.withInitializer((context) -> {
				context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("one", Map.of("aws.credential-process.timout", "5s")));
				context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("two", Map.of("aws.credential-process.timout", "6s")));
			}))).hasSize(1);
	}

	@Test
	void runWhenEveryPropertyIsKnownInAnySpellingShouldNotWarn() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues("aws.credential-process.argv[0]=" + SCRIPT,
				"aws.credential-process.argv[1]=--flag", "aws.credential-process.enabled=true",
				"aws.credential-process.timeout=5s", "aws.credential-process.duration=15m",
				"aws.credential-process.maxBufferSize=8KB", "aws.credential-process.expiry_window=5m",
				"aws.credential-process.refresh-jitter=0.5", "aws.credential-process.min-refresh-interval=1s",
				"aws.credential-process.retry.initialDelay=1s", "aws.credential-process.retry.max-delay=30s",
				"aws.credential-process.environment.ANY_NAME=x", "aws.credential-process.working-directory=/tmp",
				"aws.credential-process.fail-fast=false")))
			.isEmpty();
	}

	@Test
	void runWhenNamedProvidersAndClientsAreConfiguredShouldNotWarn() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues(
				"aws.credential-process.providers.billing.command=" + SCRIPT,
				"aws.credential-process.providers.billing.retry.max-delay=30s",
				"aws.credential-process.providers.billing.environment.ANY_NAME=x",
				"aws.credential-process.providers.audit.argv[0]=" + SCRIPT, "aws.credential-process.clients.s3=billing")))
			.isEmpty();
	}

	@Test
	void runWhenAPropertyOfANamedProviderIsMisspeltShouldWarnNamingTheProvidersKnownOne() {
		assertThat(warningsOf(this.contextRunner.withPropertyValues(
				"aws.credential-process.providers.billing.command=" + SCRIPT,
				"aws.credential-process.providers.billing.timout=5s")))
			.singleElement()
			.asString()
			.contains("aws.credential-process.providers.billing.timout is not a property of this starter")
			.contains("did you mean aws.credential-process.providers.billing.timeout?");
	}

	private static List<String> warningsOf(ApplicationContextRunner runner) {
		try (LogCapture log = new LogCapture()) {
			runner.run((context) -> assertThat(context).hasNotFailed());
			return log.lines(Level.WARN).stream().filter((line) -> line.contains("aws.credential-process.")).toList();
		}
	}

}
