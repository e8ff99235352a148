package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;
import io.github.credentialprocess.Reachability;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider follows a real application context through stop and start, as Spring drives it for
 * {@code context.stop()}/{@code start()} and for a CRaC checkpoint and restore.
 */
class CredentialProcessLifecycleTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.command=" + this.scripts.rotatingCredentials(3600));
	}

	@Test
	void runWhenTheContextStopsShouldDropEveryCachedCredential() {
		this.contextRunner.run((context) -> {
			CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
			await().atMost(WAIT).until(() -> !provider.isExpired());
			context.stop();
			assertThat(Reachability.instancesOf(ProcessCredentials.class, provider)).isEmpty();
			assertThat(provider.isExpired()).isTrue();
			assertThat(context.getBean(CredentialProcessLifecycle.class).isRunning()).isFalse();
		});
	}

	@Test
	void runWhenTheContextStartsAgainShouldFetchFreshCredentialsAndNeverServeTheOldOnes() {
		this.contextRunner.run((context) -> {
			CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
			await().atMost(WAIT).until(() -> !provider.isExpired());
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			context.stop();
			context.start();
			await().atMost(WAIT).until(() -> !provider.isExpired());
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0002");
			assertThat(this.scripts.runs()).isEqualTo(2);
		});
	}

	@Test
	void runShouldStartBeforeAndStopAfterTheWebServerAndMessageListeners() {
		this.contextRunner.run((context) -> assertThat(context.getBean(CredentialProcessLifecycle.class).getPhase())
			.isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048));
	}

}
