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
 * failed). A profile's static keys, which never expire and run no process, are {@code UP} with the
 * detail {@code source: static keys}. Details show the expiration, the masked access key id and the
 * last run; never a secret or the command's arguments.
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
		if (isStaticKeys(status)) {
			return Health.up().withDetail("source", "static keys").withDetails(status.toDetails()).build();
		}
		Health.Builder health = status.hasValidCredentials() ? Health.up()
				: status.lastRun().filter((run) -> !run.cancelled()).isEmpty() ? Health.unknown() : Health.down();
		return health.withDetails(status.toDetails()).build();
	}

	/**
	 * Whether the provider serves a profile's static keys: credentials cached without an expiration.
	 * What a process prints always expires (its {@code Expiration}, else {@code fetchedAt + duration}).
	 */
	private static boolean isStaticKeys(CredentialProcessStatus status) {
		return status.maskedAccessKeyId().isPresent() && status.expiration().isEmpty();
	}

}
