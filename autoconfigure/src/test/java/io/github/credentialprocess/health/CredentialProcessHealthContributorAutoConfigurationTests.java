package io.github.credentialprocess.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CredentialProcessHealthContributorAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessHealthContributorAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.command=" + this.scripts.rotatingCredentials(3600));
	}

	@Test
	void runShouldCreateTheIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CredentialProcessHealthIndicator.class)
			.hasBean("credentialProcessHealthIndicator"));
	}

	@Test
	void runWhenHealthIndicatorIsDisabledShouldNotCreateIt() {
		this.contextRunner.withPropertyValues("management.health.credentialprocess.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CredentialProcessHealthIndicator.class));
	}

	@Test
	void runWhenSpringBootHealthIsAbsentShouldNotCreateIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
				.doesNotHaveBean(CredentialProcessHealthIndicator.class));
	}

	@Test
	void runWhenValidCredentialsAreCachedShouldBeUpWithMaskedDetails() {
		this.contextRunner.run((context) -> {
			context.getBean(CredentialProcessProvider.class).resolveCredentials();
			Health health = context.getBean(CredentialProcessHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("expiration", "expiresIn", "fetchedAt", "lastRun",
					"consecutiveFailures", "nextRefresh");
			assertThat(health.getDetails().get("accessKeyId")).isEqualTo("****0001");
			assertThat(health.getDetails().get("expiresIn").toString()).startsWith("PT59M");
			assertThat(health.getDetails().toString()).doesNotContain(Scripts.SECRET_ACCESS_KEY)
				.doesNotContain(Scripts.SESSION_TOKEN);
		});
	}

	@Test
	void runWhenARefreshFailsWhileCredentialsAreValidShouldStayUpWithTheFailureInTheDetails() {
		this.contextRunner.withPropertyValues("aws.credential-process.min-refresh-interval=0s").run((context) -> {
			CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
			provider.resolveCredentials();
			this.scripts.failFromNowOn(true);
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh);
			Health health = context.getBean(CredentialProcessHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("consecutiveFailures", 1);
			assertThat(health.getDetails().get("lastRun")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("outcome", "failure")
				.containsEntry("error", "EXECUTION");
		});
	}

	@Test
	void runWhenNoCredentialsCouldBeFetchedShouldBeDown() {
		this.scripts.failFromNowOn(true);
		this.contextRunner.run((context) -> {
			CredentialProcessHealthIndicator indicator = context.getBean(CredentialProcessHealthIndicator.class);
			await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.DOWN));
			assertThat(indicator.health().getDetails()).doesNotContainKey("accessKeyId");
		});
	}

	@Test
	void runBeforeTheFirstRunHasFinishedShouldBeUnknown() throws Exception {
		Path gate = this.folder.resolve("gate");
		Path slow = this.scripts.script("while [ ! -f '" + gate + "' ]; do sleep 0.05; done\nprintf '%s' '"
				+ Scripts.credentialsJson(java.util.Optional.empty()) + "'");
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + slow).run((context) -> {
			CredentialProcessHealthIndicator indicator = context.getBean(CredentialProcessHealthIndicator.class);
			await().atMost(WAIT).until(() -> this.scripts.runs() == 1);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			Files.writeString(gate, "open");
			await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
		});
	}

	@Test
	void runWhenTheContextStopsDuringARunShouldBeUnknownNotDown() {
		Path slow = this.scripts.script("sleep 300");
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + slow).run((context) -> {
			CredentialProcessHealthIndicator indicator = context.getBean(CredentialProcessHealthIndicator.class);
			await().atMost(WAIT).until(() -> this.scripts.runs() == 1);
			context.stop();
			await().atMost(WAIT).until(() -> indicator.health().getDetails().containsKey("lastRun"));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(indicator.health().getDetails().get("lastRun"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("outcome", "cancelled")
				.containsEntry("error", "CANCELLED");
		});
	}

	@Test
	void runWhenTheProfileHoldsOnlyStaticKeysShouldBeUpSayingStaticKeys() throws Exception {
		Path config = Files.writeString(this.folder.resolve("config"),
				"[profile dev]\naws_access_key_id = AKIDSTATIC1234\naws_secret_access_key = static-secret\n");
		String previous = System.setProperty("aws.configFile", config.toString());
		try {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
						CredentialProcessHealthContributorAutoConfiguration.class))
				.withPropertyValues("aws.credential-process.profile=dev")
				.run((context) -> {
					Health health = context.getBean(CredentialProcessHealthIndicator.class).health();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("source", "static keys")
						.containsEntry("accessKeyId", "****1234");
					assertThat(health.getDetails().toString()).doesNotContain("static-secret");
				});
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
	void detailsNameTheLastRunTrigger() {
		this.contextRunner.run((context) -> {
			CredentialProcessHealthIndicator indicator = context.getBean(CredentialProcessHealthIndicator.class);
			await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(indicator.health().getDetails().get("lastRun"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("trigger", "startup");
		});
	}

}
