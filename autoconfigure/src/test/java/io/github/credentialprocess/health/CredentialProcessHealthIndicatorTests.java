package io.github.credentialprocess.health;

import java.nio.file.Path;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Health says what is known: {@code UP} with valid credentials, {@code DOWN} only after a failed
 * run, {@code UNKNOWN} otherwise, a stopped provider included.
 */
class CredentialProcessHealthIndicatorTests {

	@TempDir
	Path folder;

	@Test
	void aProviderStoppedAfterASuccessfulRunIsUnknownNotDown() {
		Scripts scripts = new Scripts(this.folder);
		try (CredentialProcessProvider provider = scripts.provider(scripts.rotatingCredentials(3600)).build()) {
			CredentialProcessHealthIndicator indicator = new CredentialProcessHealthIndicator(provider);
			provider.resolveCredentials();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			provider.stop();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
		}
	}

	@Test
	void aProviderStoppedAfterAFailedRunIsUnknownWhileStopped() {
		Scripts scripts = new Scripts(this.folder);
		try (CredentialProcessProvider provider = scripts.provider(scripts.script("exit 3")).build()) {
			CredentialProcessHealthIndicator indicator = new CredentialProcessHealthIndicator(provider);
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			provider.stop();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
		}
	}

	@Test
	void aRestartedProviderWhoseFirstRunIsStillGoingIsUnknownNotDown() {
		Scripts scripts = new Scripts(this.folder);
		Path release = this.folder.resolve("release");
		// The run after the restart waits until the test lets it go.
		Path script = scripts.script("RUN=$(wc -l < '" + scripts.runsFile() + "')\n"
				+ "if [ \"$RUN\" -gt 1 ]; then while [ ! -f '" + release + "' ]; do sleep 0.05; done; fi\n"
				+ "printf '%s' '" + Scripts.credentialsJson(Optional.empty()) + "'");
		try (CredentialProcessProvider provider = scripts.provider(script).build()) {
			CredentialProcessHealthIndicator indicator = new CredentialProcessHealthIndicator(provider);
			provider.resolveCredentials();
			provider.stop();
			provider.start();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
		}
	}

}
