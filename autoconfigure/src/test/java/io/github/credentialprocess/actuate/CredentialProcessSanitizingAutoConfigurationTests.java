package io.github.credentialprocess.actuate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.ActuatorClient;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/env} and {@code /actuator/configprops} mask the command line, argv and
 * environment values even when an operator sets {@code show-values: always}, in every spelling
 * that binds to them: relaxed property names, environment variables (legacy ones included) and
 * indexed {@code argv} elements.
 */
class CredentialProcessSanitizingAutoConfigurationTests {

	private static final String PASSPHRASE = "vault-passphrase-4f2a9c";

	private static final String HELPER = "{helper}";

	@TempDir
	Path folder;

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
	void runWhenEnvShowsValuesShouldStillMaskANamedProvidersCommandArgvAndEnvironment() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.providers.billing.command=helper --passphrase " + PASSPHRASE,
					"aws.credential-process.providers.audit.argv[0]=helper",
					"aws.credential-process.providers.audit.argv[1]=--passphrase=" + PASSPHRASE,
					"aws.credential_process.providers.audit.environment.HELPER_TOKEN=" + PASSPHRASE,
					"aws.credential-process.providers.billing.timeout=20s")
			.run((context) -> {
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				assertThat(List.of("aws.credential-process.providers.billing.command",
						"aws.credential-process.providers.audit.argv[1]",
						"aws.credential_process.providers.audit.environment.HELPER_TOKEN"))
					.allSatisfy((name) -> assertThat(env.environmentEntry(name).getProperty().getValue())
						.isEqualTo("******"));
				assertThat(env.environmentEntry("aws.credential-process.providers.billing.timeout")
					.getProperty()
					.getValue()).isEqualTo("20s");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"aws\":{\"credential-process\":{\"command\":\"helper --passphrase " + PASSPHRASE + "\"}}}",
			"{\"aws\":{\"credentialProcess\":{\"providers\":{\"billing\":{\"argv\":[\"helper\",\"" + PASSPHRASE + "\"]}}}}}",
			"{\"aws.credential_process.environment\":{\"HELPER_TOKEN\":\"" + PASSPHRASE + "\"}}", "{not json " + PASSPHRASE })
	void runWhenSpringApplicationJsonHoldsACommandArgvOrEnvironmentShouldMaskTheWholeDocument(String json) {
		this.contextRunner.withPropertyValues("spring.application.json=" + json).run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(env.environmentEntry("spring.application.json").getProperty().getValue()).isEqualTo("******");
		});
	}

	@Test
	void runWhenSpringApplicationJsonHoldsNothingSensitiveShouldShowIt() {
		String json = "{\"aws\":{\"credential-process\":{\"timeout\":\"30s\"}},\"server\":{\"port\":8080}}";
		this.contextRunner.withPropertyValues("spring.application.json=" + json).run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(env.environmentEntry("spring.application.json").getProperty().getValue()).isEqualTo(json);
		});
	}

	@Test
	void runWhenSpringApplicationJsonIsSetUnderItsUpperCaseNameAnywhereShouldMaskIt() {
		String json = "{\"aws\":{\"credential-process\":{\"command\":\"helper --passphrase " + PASSPHRASE + "\"}}}";
		this.contextRunner.withPropertyValues("SPRING_APPLICATION_JSON=" + json).run((context) -> {
			EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
			assertThat(env.environmentEntry("SPRING_APPLICATION_JSON").getProperty().getValue()).isEqualTo("******");
		});
	}

	@Test
	void aVariableUnderTheApplicationsEnvironmentPrefixIsJudgedAsBootBindsIt() {
		PropertySource<?> prefixed = new PrefixedEnvironment(java.util.Map.of("MYAPP_AWS_CREDENTIALPROCESS_COMMAND", "x"));
		assertThat(CredentialProcessSanitizingFunction.isSensitive(prefixed, "MYAPP_AWS_CREDENTIALPROCESS_COMMAND")).isTrue();
		assertThat(CredentialProcessSanitizingFunction.isSensitive(prefixed, "MYAPP_AWS_CREDENTIALPROCESS_TIMEOUT")).isFalse();
	}

	/** The system environment as Spring Boot holds it with {@code setEnvironmentPrefix("myapp")}. */
	static class PrefixedEnvironment extends org.springframework.core.env.SystemEnvironmentPropertySource
			implements org.springframework.boot.env.PropertySourceInfo {

		PrefixedEnvironment(java.util.Map<String, Object> variables) {
			super(org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
		}

		@Override
		public String getPrefix() {
			return "myapp";
		}

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

	static Stream<Arguments> spellings() {
		String command = "'" + HELPER + "' --passphrase " + PASSPHRASE;
		Map<String, String> none = Map.of();
		return Stream.of(
				Arguments.of("command with an underscore", List.of("aws.credential_process.command=" + command), none),
				Arguments.of("command in camel case", List.of("aws.credentialProcess.command=" + command), none),
				Arguments.of("command in upper case", List.of("AWS.CREDENTIAL-PROCESS.COMMAND=" + command), none),
				Arguments.of("indexed argv", List.of("aws.credential-process.argv[0]=" + HELPER,
						"aws.credential-process.argv[1]=--passphrase=" + PASSPHRASE), none),
				Arguments.of("indexed argv with an underscore", List.of("aws.credential_process.argv[0]=" + HELPER,
						"aws.credential_process.argv[1]=--passphrase=" + PASSPHRASE), none),
				Arguments.of("environment in camel case", List.of("aws.credential-process.command=" + HELPER,
						"aws.credentialProcess.environment.HELPER_TOKEN=" + PASSPHRASE), none),
				Arguments.of("command as an environment variable", List.of(),
						Map.of("AWS_CREDENTIALPROCESS_COMMAND", command)),
				Arguments.of("command as a legacy environment variable", List.of(),
						Map.of("AWS_CREDENTIAL_PROCESS_COMMAND", command)),
				Arguments.of("argv as environment variables", List.of(), Map.of("AWS_CREDENTIALPROCESS_ARGV_0_", HELPER,
						"AWS_CREDENTIALPROCESS_ARGV_1_", "--passphrase=" + PASSPHRASE)),
				Arguments.of("environment as an environment variable", List.of(),
						Map.of("AWS_CREDENTIALPROCESS_COMMAND", HELPER,
								"AWS_CREDENTIALPROCESS_ENVIRONMENT_HELPER_TOKEN", PASSPHRASE)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("spellings")
	void runWhenAValueIsSetInAnySpellingThatBindsShouldMaskItOverHttp(String spelling, List<String> properties,
			Map<String, String> environmentVariables) {
		String helper = new Scripts(this.folder).printingCredentialsExpiringAt(Instant.now().plus(1, ChronoUnit.HOURS))
			.toString();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--management.endpoints.web.exposure.include=env,configprops",
				"--management.endpoint.env.show-values=always", "--management.endpoint.configprops.show-values=always"));
		properties.forEach((property) -> arguments.add("--" + property.replace(HELPER, helper)));
		SpringApplication application = new SpringApplication(WebApplication.class);
		application.addInitializers((context) -> {
			// What the JVM's environment variables look like to Spring: a SystemEnvironmentPropertySource
			// named systemEnvironment, which binds through the relaxed environment-variable mapping.
			Map<String, Object> variables = new HashMap<>(System.getenv());
			environmentVariables.forEach((name, value) -> variables.put(name, value.replace(HELPER, helper)));
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		});
		try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
			CredentialProcessProperties bound = context.getBean(CredentialProcessProperties.class);
			assertThat(bound.getCommand() + bound.getArgv() + bound.getEnvironment()).as("the spelling binds")
				.contains(PASSPHRASE);
			ActuatorClient actuator = new ActuatorClient(
					((WebServerApplicationContext) context).getWebServer().getPort());
			actuator.get("/env");
			actuator.get("/configprops");
			assertThat(actuator.responses()).allSatisfy((body) -> assertThat(body).doesNotContain(PASSPHRASE));
		}
	}

	@Test
	void runWhenActuatorIsAbsentShouldNotCreateTheFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("credentialProcessSanitizingFunction"));
	}

	/** A whole application of auto-configuration: web server, actuator, the starter. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
