package io.github.credentialprocess.actuate;

import java.util.Map;

import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/env} and {@code /actuator/configprops} mask the command line, argv and
 * environment values even when an operator sets {@code show-values: always}.
 */
class CredentialProcessSanitizingAutoConfigurationTests {

	private static final String PASSPHRASE = "vault-passphrase-4f2a9c";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
				CredentialProcessSanitizingAutoConfiguration.class, EndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"aws.credential-process.command=AWS_VAULT_FILE_PASSPHRASE=" + PASSPHRASE + " aws-vault exec dev --json",
				"aws.credential-process.environment.HELPER_TOKEN=" + PASSPHRASE, "aws.credential-process.timeout=30s");

	@Test
	void runWhenEnvShowsValuesShouldStillMaskTheCommandAndTheEnvironment() {
		this.contextRunner.run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(env.environmentEntry("aws.credential-process.command").getProperty().getValue()).isEqualTo("******");
			assertThat(env.environmentEntry("aws.credential-process.environment.HELPER_TOKEN").getProperty().getValue())
				.isEqualTo("******");
			assertThat(env.environmentEntry("aws.credential-process.timeout").getProperty().getValue()).isEqualTo("30s");
		});
	}

	@Test
	void runWhenConfigpropsShowsValuesShouldStillMaskTheCommandAndTheEnvironment() {
		this.contextRunner.run((context) -> {
			Map<String, Object> properties = context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("aws.credential-process")
				.getContexts()
				.values()
				.iterator()
				.next()
				.getBeans()
				.values()
				.iterator()
				.next()
				.getProperties();
			assertThat(properties.get("command")).isEqualTo("******");
			assertThat(properties.get("environment").toString()).doesNotContain(PASSPHRASE);
			assertThat(properties.toString()).doesNotContain(PASSPHRASE).contains("timeout=PT30S");
		});
	}

	@Test
	void runWhenActuatorIsAbsentShouldNotCreateTheFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("credentialProcessSanitizingFunction"));
	}

}
