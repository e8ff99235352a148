package io.github.credentialprocess.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CredentialProcessEndpointAutoConfigurationTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessEndpointAutoConfiguration.class))
			.withPropertyValues(
					"aws.credential-process.command=" + this.scripts.rotatingCredentials(3600) + " --role-arn secret-arg",
					"aws.credential-process.environment.HELPER_PASSWORD=environment-secret");
	}

	@Test
	void runWhenEndpointIsExposedShouldCreateIt() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess")
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessEndpoint.class));
	}

	@Test
	void runWhenEndpointIsNotExposedShouldNotCreateIt() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CredentialProcessEndpoint.class));
	}

	@Test
	void runWhenEndpointIsDisabledShouldNotCreateIt() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess",
					"management.endpoint.credentialprocess.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialProcessEndpoint.class));
	}

	@Test
	void runWhenActuatorIsAbsentShouldNotCreateIt() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
				.doesNotHaveBean(CredentialProcessEndpoint.class));
	}

	@Test
	void stateShowsTheCredentialsAndTheConfigurationWithoutSecretsOrArguments() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess")
			.run((context) -> {
				context.getBean(CredentialProcessProvider.class).resolveCredentials();
				Map<String, Object> state = context.getBean(CredentialProcessEndpoint.class).state();
				assertThat(state).containsEntry("valid", true).containsKeys("expiration", "accessKeyId", "lastRun");
				assertThat(state.get("configuration")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("command", "process-1.sh ** arguments redacted **")
					.containsEntry("timeout", "PT1M")
					.containsEntry("maxBufferSize", "8192B")
					.containsEntry("environment", List.of("HELPER_PASSWORD"));
				assertThat(state.toString()).doesNotContain("secret-arg")
					.doesNotContain("environment-secret")
					.doesNotContain(Scripts.SECRET_ACCESS_KEY)
					.doesNotContain(Scripts.SESSION_TOKEN);
			});
	}

	@Test
	void refreshRunsTheProcessAndReturnsTheNewStateOnceTheMinimumIntervalHasPassed() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess",
					"aws.credential-process.min-refresh-interval=300ms")
			.run((context) -> {
				CredentialProcessEndpoint endpoint = context.getBean(CredentialProcessEndpoint.class);
				context.getBean(CredentialProcessProvider.class).resolveCredentials();
				int runsBefore = this.scripts.runs();
				Map<String, Object> state = await().atMost(Duration.ofSeconds(20))
					.until(endpoint::refresh, (refreshed) -> Boolean.TRUE.equals(refreshed.get("newRun")));
				assertThat(this.scripts.runs()).isEqualTo(runsBefore + 1);
				assertThat(state.get("accessKeyId")).isEqualTo("****%04d".formatted(runsBefore + 1));
				assertThat(state.get("lastRun")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("trigger", "manual");
				assertThat(state.get("configuration")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("minRefreshInterval", "PT0.3S");
			});
	}

	@Test
	void refreshWithinTheMinimumIntervalRunsNothingAndSaysSo() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess")
			.run((context) -> {
				CredentialProcessEndpoint endpoint = context.getBean(CredentialProcessEndpoint.class);
				context.getBean(CredentialProcessProvider.class).resolveCredentials();
				int runsBefore = this.scripts.runs();
				for (int i = 0; i < 20; i++) {
					assertThat(endpoint.refresh()).containsEntry("newRun", false)
						.containsEntry("valid", true)
						.doesNotContainKey("refreshError");
				}
				assertThat(this.scripts.runs()).isEqualTo(runsBefore);
			});
	}

	@Test
	void failedRefreshReturnsTheErrorCodeAndKeepsTheCachedCredentials() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess",
					"aws.credential-process.min-refresh-interval=0s")
			.run((context) -> {
				CredentialProcessEndpoint endpoint = context.getBean(CredentialProcessEndpoint.class);
				context.getBean(CredentialProcessProvider.class).resolveCredentials();
				this.scripts.failFromNowOn(true);
				Map<String, Object> state = endpoint.refresh();
				assertThat(state).containsEntry("refreshError", "EXECUTION")
					.containsEntry("valid", true)
					.containsEntry("newRun", true);
			});
	}

}
