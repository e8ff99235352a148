package io.github.credentialprocess.health;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.CredentialProcessStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a {@link CredentialProcessProvider}: {@code UP} while valid credentials are cached
 * (even when a refresh is failing: the failure shows in the details), {@code DOWN} when the last run
 * failed and there are none or they have expired, {@code UNKNOWN} otherwise: before the first run
 * has finished, while the provider is stopped (with the detail {@code state: stopped}), and when
 * credentials a successful run fetched have expired before the next run (a suspended machine) or
 * were dropped by a stop; a run cut short by a stop was cancelled, not failed. A profile's static keys, which never expire and run no process, are {@code UP} with the
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
		if (!this.provider.isRunning()) {
			// Nothing is served, nor known, while stopped: whatever the last run did, the next one decides.
			return Health.unknown().withDetail("state", "stopped").withDetails(status.toDetails()).build();
		}
		boolean lastRunFailed = status.lastRun().filter((run) -> !run.succeeded() && !run.cancelled()).isPresent();
		Health.Builder health = status.hasValidCredentials() ? Health.up()
				: lastRunFailed ? Health.down() : Health.unknown();
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
