package io.github.credentialprocess;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When credentials expire, when their refresh falls due and how long to wait after a failure: the
 * provider's whole timing policy, in wall-clock milliseconds, in one place.
 * <ul>
 * <li><b>Expiry.</b> Credentials expire at their {@code Expiration}, or {@code duration} after they
 * were fetched when they carry none.</li>
 * <li><b>Refresh.</b> The refresh leads the expiration by {@code expiryWindow}, or by half the
 * remaining life when less than the window is left (so short-lived credentials never cause a tight
 * loop). Jitter shortens the lead by a random part of up to {@code refreshJitter} of it, so that a
 * fleet holding the same credentials does not run its helpers in the same second. The refresh never
 * falls later than a second (or half the life, if shorter) before the expiration.</li>
 * <li><b>Back-off.</b> After {@code n} failures in a row the next attempt waits
 * {@code initialDelay * 2^(n-1)}, at most {@code maxDelay}, each shortened by up to 20% at random.</li>
 * </ul>
 * Every time is judged against the clock the provider reads on each call, never against the
 * refresh thread's own timer: that timer stands still while a machine sleeps.
 */
final class RefreshPolicy {

	/** Default share of the refresh lead that jitter may take off. */
	static final double DEFAULT_REFRESH_JITTER = 0.6;

	static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofSeconds(1);

	static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(30);

	/** Share of each back-off delay that jitter may take off. */
	static final double RETRY_JITTER = 0.2;

	/** The latest a refresh may fall due before expiry, so that a late refresh thread does no harm. */
	static final long MIN_REFRESH_LEAD_MILLIS = 1_000;

	private final Duration duration;

	private final long expiryWindowMillis;

	private final double refreshJitter;

	private final long retryInitialDelayMillis;

	private final long retryMaxDelayMillis;

	private final RandomGenerator random;

	RefreshPolicy(Duration duration, Duration expiryWindow, double refreshJitter, Duration retryInitialDelay,
			Duration retryMaxDelay, RandomGenerator random) {
		this.duration = duration;
		this.expiryWindowMillis = expiryWindow.toMillis();
		this.refreshJitter = refreshJitter;
		this.retryInitialDelayMillis = retryInitialDelay.toMillis();
		this.retryMaxDelayMillis = retryMaxDelay.toMillis();
		this.random = random;
	}

	/**
	 * The cache entry for freshly fetched credentials: when they expire and when their refresh is
	 * due.
	 */
	CachedCredentials entryFor(ProcessCredentials credentials) {
		long fetchedAt = credentials.fetchedAt().toEpochMilli();
		long expiresAt = credentials.expiration()
			.map((expiration) -> expiration.toEpochMilli())
			.orElse(fetchedAt + this.duration.toMillis());
		return new CachedCredentials(credentials, refreshAt(fetchedAt, expiresAt), expiresAt);
	}

	/**
	 * When the refresh of credentials fetched at {@code fetchedAt} and expiring at
	 * {@code expiresAt} falls due.
	 */
	long refreshAt(long fetchedAt, long expiresAt) {
		long remaining = expiresAt - fetchedAt;
		long lead = (remaining > this.expiryWindowMillis) ? this.expiryWindowMillis : remaining / 2;
		lead -= (long) (lead * this.refreshJitter * this.random.nextDouble());
		return expiresAt - Math.max(lead, Math.min(MIN_REFRESH_LEAD_MILLIS, remaining / 2));
	}

	/**
	 * How long to wait before the next attempt.
	 * @param consecutiveFailures failures in a row so far, at least 1
	 */
	long retryDelayMillis(int consecutiveFailures) {
		long delay = Math.min(this.retryInitialDelayMillis, this.retryMaxDelayMillis);
		// Capped at every step, so the doubling never overflows; past 64 failures it is long at its cap.
		for (int failure = 1; failure < Math.min(consecutiveFailures, 64); failure++) {
			delay = Math.min(this.retryMaxDelayMillis, delay * 2);
		}
		return delay - (long) (delay * RETRY_JITTER * this.random.nextDouble());
	}

}
