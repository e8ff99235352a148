package io.github.credentialprocess.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CredentialProcessAutoConfigurationTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	/** Static so that {@link UserProviderConfiguration} can reach it. */
	private static Path script;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class));

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
	}

	@Test
	void runWhenNoCommandArgvOrProfileShouldNotCreateProvider() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CredentialProcessProvider.class));
	}

	@Test
	void runWhenCommandIsSetShouldCreateProvider() {
		this.contextRunner.withPropertyValues("aws.credential-process.command='" + script + "' --flag")
			.run((context) -> assertThat(context.getBean(CredentialProcessProvider.class).resolveCredentials()
				.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID));
	}

	@Test
	void runWhenArgvIsSetShouldCreateProvider() {
		this.contextRunner.withPropertyValues("aws.credential-process.argv[0]=" + script, "aws.credential-process.argv[1]=--flag")
			.run((context) -> assertThat(context.getBean(CredentialProcessProvider.class).resolveCredentials()
				.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID));
	}

	@Test
	void runWhenProfileIsSetShouldCreateProviderFromTheAwsConfigFile() throws Exception {
		Path config = Files.writeString(this.folder.resolve("config"), "[profile dev]\ncredential_process = " + script + "\n");
		String previous = System.setProperty("aws.configFile", config.toString());
		try {
			this.contextRunner.withPropertyValues("aws.credential-process.profile=dev")
				.run((context) -> assertThat(context.getBean(CredentialProcessProvider.class).resolveCredentials()
					.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID));
		}
		finally {
			if (previous == null) {
				System.clearProperty("aws.configFile");
			}
			else {
				System.setProperty("aws.configFile", previous);
			}
		}
	}

	@Test
	void runWhenDisabledShouldNotCreateProvider() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.enabled=false", "aws.credential-process.command=" + script)
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialProcessProvider.class));
	}

	@Test
	void runWhenUserDefinesProviderShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserProviderConfiguration.class)
			.withPropertyValues("aws.credential-process.command=" + script)
			.run((context) -> assertThat(context).getBean(CredentialProcessProvider.class)
				.isSameAs(context.getBean("userProvider")));
	}

	@Test
	void runWhenContextStartsShouldRunTheProcessInTheBackground() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script)
			.run((context) -> await().atMost(Duration.ofSeconds(20)).until(() -> this.scripts.runs() == 1));
	}

	@Test
	void runWhenContextClosesShouldCloseTheProvider() {
		CredentialProcessProvider[] provider = new CredentialProcessProvider[1];
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script)
			.run((context) -> provider[0] = context.getBean(CredentialProcessProvider.class));
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider[0]::refresh)
			.withMessageContaining("closed");
	}

	@Test
	void runWhenPropertiesUseTextFormsShouldBindThem() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.timeout=2m",
					"aws.credential-process.duration=30m", "aws.credential-process.max-buffer-size=16KB",
					"aws.credential-process.expiry-window=90s", "aws.credential-process.environment.HELPER_MODE=ci",
					"aws.credential-process.working-directory=" + this.folder, "aws.credential-process.fail-fast=true")
			.run((context) -> {
				CredentialProcessProperties properties = context.getBean(CredentialProcessProperties.class);
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getDuration()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.getMaxBufferSize()).isEqualTo(DataSize.ofKilobytes(16));
				assertThat(properties.getExpiryWindow()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.getEnvironment()).isEqualTo(Map.of("HELPER_MODE", "ci"));
				assertThat(properties.getWorkingDirectory()).isEqualTo(this.folder);
				assertThat(properties.isFailFast()).isTrue();
			});
	}

	@Test
	void runWhenPropertiesAreNotSetShouldUseTheEngineDefaults() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script).run((context) -> {
			CredentialProcessProperties properties = context.getBean(CredentialProcessProperties.class);
			assertThat(properties.getTimeout()).isEqualTo(CredentialProcessProvider.DEFAULT_TIMEOUT);
			assertThat(properties.getDuration()).isEqualTo(CredentialProcessProvider.DEFAULT_DURATION);
			assertThat(properties.getMaxBufferSize().toBytes()).isEqualTo(CredentialProcessProvider.DEFAULT_MAX_BUFFER_SIZE);
			assertThat(properties.getExpiryWindow()).isEqualTo(CredentialProcessProvider.DEFAULT_EXPIRY_WINDOW);
			assertThat(properties.isFailFast()).isFalse();
		});
	}

	@Test
	void runWhenArgvAndEnvironmentAreSetShouldPassThemToTheProcess() {
		Path echoing = this.scripts.script("printf '{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"%s\"}' \"$1\" \"$HELPER_SECRET\"");
		this.contextRunner
			.withPropertyValues("aws.credential-process.argv=" + echoing + ",AKIDFROMARGV",
					"aws.credential-process.environment.HELPER_SECRET=from-environment")
			.run((context) -> {
				var credentials = context.getBean(CredentialProcessProvider.class).resolveCredentials();
				assertThat(credentials.accessKeyId()).isEqualTo("AKIDFROMARGV");
				assertThat(credentials.secretAccessKey()).isEqualTo("from-environment");
			});
	}

	@Test
	void runWhenMoreThanOneSourceIsSetShouldFailNamingThem() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.profile=dev")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("Only one of aws.credential-process.command, argv and profile may be set")
				.contains("aws.credential-process.command and aws.credential-process.profile are"));
	}

	@Test
	void runWhenRefreshJitterIsOutsideZeroToOneShouldFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.refresh-jitter=1.5")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("aws.credential-process.refresh-jitter is 1.5");
				assertThat(analysis.getAction()).contains("or 0 to refresh exactly expiry-window ahead");
			});
	}

	@Test
	void runWhenRetryMaxDelayIsShorterThanTheInitialDelayShouldFailNamingBoth() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + script,
					"aws.credential-process.retry.initial-delay=10s", "aws.credential-process.retry.max-delay=5s")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("aws.credential-process.retry.max-delay (5s) is shorter than "
						+ "aws.credential-process.retry.initial-delay (10s)"));
	}

	@Test
	void runWhenRetryAndJitterAreSetShouldUseThem() {
		Path failing = this.scripts.script("exit 3");
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + failing, "aws.credential-process.refresh-jitter=0",
					"aws.credential-process.retry.initial-delay=5m", "aws.credential-process.retry.max-delay=10m")
			.run((context) -> {
				CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> provider.status().lastRun().isPresent());
				// A five-minute back-off: the next caller gets the startup run's error without a new run.
				assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials);
				assertThat(this.scripts.runs()).isEqualTo(1);
			});
	}

	@Test
	void runWhenCommandIsBlankShouldFailNamingTheProperty() {
		// Spaces, not an empty value: TestPropertyValues would trim them away.
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("layer", Map.of("aws.credential-process.command", "  "))))
			.run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("aws.credential-process.command is blank");
			assertThat(analysis.getAction()).contains("Set aws.credential-process.command to");
		});
	}

	@Test
	void runWhenCommandIsEmptyShouldNotCreateProvider() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=", "aws.credential-process.profile=",
				"aws.credential-process.argv=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CredentialProcessProvider.class));
	}

	@Test
	void runWhenALaterLayerEmptiesTheCommandShouldUseTheSourceItSets(@TempDir Path other) {
		Scripts argvScripts = new Scripts(other);
		Path argvScript = argvScripts.printing(Scripts.credentialsJson(Optional.empty()));
		// The jar's application.yml names a command; ./config/application.yml switches to argv.
		this.contextRunner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("jar", Map.of("aws.credential-process.command", script.toString())));
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("config", Map.of("aws.credential-process.command", "",
						"aws.credential-process.argv[0]", argvScript.toString())));
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(CredentialProcessProvider.class).resolveCredentials();
			assertThat(argvScripts.runs()).isEqualTo(1);
			assertThat(this.scripts.runs()).isZero();
		});
	}

	@Test
	void runWhenTimeoutIsZeroShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.timeout=0s")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("aws.credential-process.timeout is 0s, but it must be positive");
				assertThat(analysis.getAction()).contains("positive duration such as 30s");
			});
	}

	@Test
	void runWhenTimeoutIsNegativeShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.timeout=-5s")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("aws.credential-process.timeout is -5s, but it must be positive"));
	}

	@Test
	void runWhenMaxBufferSizeIsUnder64BytesShouldFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.max-buffer-size=63B")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("aws.credential-process.max-buffer-size is 63B");
				assertThat(analysis.getAction()).contains("at least 64B");
			});
	}

	@Test
	void runWhenProfileIsMissingShouldFailNamingTheFileAndProfile() throws Exception {
		Path config = Files.writeString(this.folder.resolve("empty-config"), "[profile other]\nregion = eu-west-1\n");
		String previous = System.setProperty("aws.configFile", config.toString());
		try {
			this.contextRunner.withPropertyValues("aws.credential-process.profile=dev")
				.run((context) -> assertThat(analysis(context).getDescription())
					.contains(config + " has no profile 'dev'"));
		}
		finally {
			if (previous == null) {
				System.clearProperty("aws.configFile");
			}
		}
	}

	@Test
	void runWhenFailFastAndTheFirstRunFailsShouldFailWithTheErrorCodeAndStderr() {
		Path failing = this.scripts.script("echo 'sso session expired, run aws sso login' >&2\nexit 2");
		this.contextRunner
			.withPropertyValues("aws.credential-process.command=" + failing, "aws.credential-process.fail-fast=true")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("failed during startup with error code EXECUTION")
					.contains("exited with code 2")
					.contains("sso session expired, run aws sso login");
				assertThat(analysis.getAction()).contains("aws.credential-process.fail-fast=false");
			});
	}

	@Test
	void runWhenFailFastAndTheFirstRunSucceedsShouldStartWithCredentialsCached() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script, "aws.credential-process.fail-fast=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CredentialProcessProvider.class).isExpired()).isFalse();
			});
	}

	@Test
	void runWhenNotFailFastAndTheFirstRunFailsShouldStartAnyway() {
		Path failing = this.scripts.script("exit 2");
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + failing)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CredentialProcessProvider.class));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new CredentialProcessFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProviderConfiguration {

		@Bean
		CredentialProcessProvider userProvider() {
			return CredentialProcessProvider.builder().command(List.of(script.toString())).build();
		}

	}

}
