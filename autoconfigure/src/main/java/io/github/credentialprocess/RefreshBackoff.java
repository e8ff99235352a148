package io.github.credentialprocess;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retrying a failed refresh: 1 s, 2 s, 4 s, ... capped at 30 s, each
 * shortened by up to 20% at random so that many instances failing together do not retry together.
 */
final class RefreshBackoff {

	static final long FIRST_DELAY_MILLIS = 1_000;

	static final long MAX_DELAY_MILLIS = 30_000;

	static final double JITTER = 0.2;

	private RefreshBackoff() {
	}

	/**
	 * The delay before the next attempt.
	 * @param consecutiveFailures failures in a row so far, at least 1
	 */
	static long delayMillis(int consecutiveFailures) {
		int doublings = Math.min(Math.max(consecutiveFailures, 1) - 1, 30);
		long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << doublings);
		return delay - (long) (delay * JITTER * ThreadLocalRandom.current().nextDouble());
	}

}
