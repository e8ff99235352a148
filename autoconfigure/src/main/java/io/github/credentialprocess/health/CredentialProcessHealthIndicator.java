package io.github.credentialprocess.health;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.CredentialProcessStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a {@link CredentialProcessProvider}: {@code UP} while valid credentials are cached
 * (even when a refresh is failing: the failure shows in the details), {@code DOWN} when a run has
 * failed and there are none or they have expired, {@code UNKNOWN} before the first run has finished
 * and while the provider is stopped (its last run, if cut short by the stop, was cancelled, not
 * failed). Details show the
 * expiration, the masked access key id and the last run; never a secret or the command's
 * arguments.
 */
public class CredentialProcessHealthIndicator implements HealthIndicator {

	private final CredentialProcessProvider provider;

	/**
	 * Creates the indicator.
	 * @param provider the provider to report on
	 */
	public CredentialProcessHealthIndicator(CredentialProcessProvider provider) {
		this.provider = provider;
	}

	@Override
	public Health health() {
		CredentialProcessStatus status = this.provider.status();
		Health.Builder health = status.hasValidCredentials() ? Health.up()
				: status.lastRun().filter((run) -> !run.cancelled()).isEmpty() ? Health.unknown() : Health.down();
		return health.withDetails(status.toDetails()).build();
	}

}
