package io.github.credentialprocess;

import java.time.Duration;

/**
 * One immutable cache entry: the credentials and, as epoch milliseconds, when they expire and when
 * their proactive refresh is due.
 * <p>
 * {@code fresh} lets the read path skip the clock (a clock read costs more than the rest of the
 * read): it is set only when the refresh thread runs on the system clock, and that thread replaces
 * the entry by a stale copy when the refresh falls due, which is at least a second (or half the
 * life, if shorter) before expiry. A stale entry is checked against the clock on every read.
 *
 * @param credentials the credentials
 * @param refreshAtMillis when the proactive refresh is due
 * @param expiresAtMillis when the credentials expire
 * @param fresh whether the entry is known to be before its refresh time without reading the clock
 */
record CachedCredentials(ProcessCredentials credentials, long refreshAtMillis, long expiresAtMillis, boolean fresh) {

	/** The latest a refresh may fall due before expiry, so that a late refresh thread does no harm. */
	private static final long MIN_REFRESH_MARGIN_MILLIS = 1_000;

	/**
	 * The entry for freshly fetched credentials. Credentials without an {@code Expiration} live for
	 * {@code duration}. The refresh is due {@code expiryWindow} before the expiration (and at least
	 * a second before it) or, when less life than the window is left, at half the remaining life, so
	 * a short-lived credential never causes a tight refresh loop.
	 */
	static CachedCredentials of(ProcessCredentials credentials, Duration duration, Duration expiryWindow,
			boolean fresh) {
		long fetchedAt = credentials.fetchedAt().toEpochMilli();
		long expiresAt = credentials.expiration()
			.map((expiration) -> expiration.toEpochMilli())
			.orElse(fetchedAt + duration.toMillis());
		long remaining = expiresAt - fetchedAt;
		long window = expiryWindow.toMillis();
		long refreshAt = (remaining > window)
				? Math.min(expiresAt - window, expiresAt - Math.min(MIN_REFRESH_MARGIN_MILLIS, remaining / 2))
				: fetchedAt + remaining / 2;
		return new CachedCredentials(credentials, refreshAt, expiresAt, fresh);
	}

	/**
	 * An entry that never expires, for static keys found in a profile.
	 */
	static CachedCredentials permanent(ProcessCredentials credentials) {
		return new CachedCredentials(credentials, Long.MAX_VALUE, Long.MAX_VALUE, true);
	}

	/**
	 * This entry, from now on checked against the clock on every read.
	 */
	CachedCredentials asStale() {
		return new CachedCredentials(this.credentials, this.refreshAtMillis, this.expiresAtMillis, false);
	}

	boolean isValidAt(long nowMillis) {
		return nowMillis < this.expiresAtMillis;
	}

}
