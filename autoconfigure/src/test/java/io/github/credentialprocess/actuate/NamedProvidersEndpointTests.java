package io.github.credentialprocess.actuate;

import java.nio.file.Path;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint lists every provider and refreshes one by name. */
class NamedProvidersEndpointTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		Path script = new Scripts(this.folder).rotatingCredentials(3600);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess",
					"aws.credential-process.command=" + script + " --role-arn secret-arg",
					"aws.credential-process.providers.billing.command=" + script + " --role-arn billing-secret-arg",
					"aws.credential-process.providers.billing.min-refresh-interval=0s",
					"aws.credential-process.providers.audit.command=" + script);
	}

	@Test
	@SuppressWarnings("unchecked")
	void runWhenNamedProvidersExistShouldListEveryProvider() {
		this.contextRunner.run((context) -> assertThat(
				(Map<String, Object>) context.getBean(CredentialProcessEndpoint.class).state().get("providers"))
			.containsOnlyKeys("default", "audit", "billing"));
	}

	@Test
	void runWhenNamedProvidersExistShouldShowEachOnesConfiguration() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(CredentialProcessEndpoint.class).state().toString())
			.contains("minRefreshInterval=PT0S")
			.doesNotContain("secret-arg"));
	}

	@Test
	void runWhenANamedProviderIsRefreshedByNameShouldRunItsProcess() {
		this.contextRunner.run((context) -> {
			CredentialProcessEndpoint endpoint = context.getBean(CredentialProcessEndpoint.class);
			endpoint.refreshProvider("billing");
			assertThat(endpoint.refreshProvider("billing")).containsEntry("newRun", true);
		});
	}

	@Test
	void exposedOverJmxTheEndpointHasOneOperationEachAndStarts() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=credentialprocess")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MBeanServer server = context.getBean(MBeanServer.class);
				assertThat(server.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Credentialprocess,*"),
						null))
					.hasSize(1);
			});
	}

	@Test
	void runWhenAnUnknownProviderIsRefreshedShouldAnswerNothing() {
		this.contextRunner.run((context) -> assertThat(context.getBean(CredentialProcessEndpoint.class).refreshProvider("nope"))
			.isNull());
	}

}
