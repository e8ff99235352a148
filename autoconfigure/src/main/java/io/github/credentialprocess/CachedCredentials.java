package io.github.credentialprocess;

import java.time.Duration;

/**
 * One immutable cache entry: the credentials and, as epoch milliseconds, when they expire and when
 * their proactive refresh is due. Primitive longs keep the read path free of allocation.
 */
record CachedCredentials(ProcessCredentials credentials, long refreshAtMillis, long expiresAtMillis) {

	/**
	 * The entry for freshly fetched credentials. Credentials without an {@code Expiration} live for
	 * {@code duration}. The refresh is due {@code expiryWindow} before the expiration or, when less
	 * life than that is left, at half the remaining life, so a short-lived credential never causes a
	 * tight refresh loop.
	 */
	static CachedCredentials of(ProcessCredentials credentials, Duration duration, Duration expiryWindow) {
		long fetchedAt = credentials.fetchedAt().toEpochMilli();
		long expiresAt = credentials.expiration()
			.map((expiration) -> expiration.toEpochMilli())
			.orElse(fetchedAt + duration.toMillis());
		long remaining = expiresAt - fetchedAt;
		long window = expiryWindow.toMillis();
		long refreshAt = (remaining > window) ? expiresAt - window : fetchedAt + remaining / 2;
		return new CachedCredentials(credentials, refreshAt, expiresAt);
	}

	/**
	 * An entry that never expires, for static keys found in a profile.
	 */
	static CachedCredentials permanent(ProcessCredentials credentials) {
		return new CachedCredentials(credentials, Long.MAX_VALUE, Long.MAX_VALUE);
	}

	boolean isValidAt(long nowMillis) {
		return nowMillis < this.expiresAtMillis;
	}

}
