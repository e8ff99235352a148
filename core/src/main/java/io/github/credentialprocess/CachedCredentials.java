package io.github.credentialprocess;

/**
 * One immutable cache entry: the credentials and, as wall-clock epoch milliseconds, when they
 * expire and when the next background refresh of them is due. {@link RefreshPolicy} sets both
 * times; the provider swaps the whole entry when either changes.
 *
 * @param credentials the credentials
 * @param refreshAtMillis when the next background refresh is due (after a failed refresh, the
 * retry)
 * @param expiresAtMillis when the credentials expire
 */
record CachedCredentials(ProcessCredentials credentials, long refreshAtMillis, long expiresAtMillis) {

	/**
	 * Caps the refresh time at the expiration: a read before the refresh time returns the
	 * credentials without checking the expiration, so it must never come later.
	 */
	CachedCredentials {
		refreshAtMillis = Math.min(refreshAtMillis, expiresAtMillis);
	}

	/**
	 * An entry that never expires, for static keys found in a profile.
	 */
	static CachedCredentials permanent(ProcessCredentials credentials) {
		return new CachedCredentials(credentials, Long.MAX_VALUE, Long.MAX_VALUE);
	}

	/**
	 * This entry with its next refresh moved, for a retry after a failed refresh.
	 */
	CachedCredentials withRefreshAt(long refreshAtMillis) {
		return new CachedCredentials(this.credentials, refreshAtMillis, this.expiresAtMillis);
	}

	boolean isValidAt(long nowMillis) {
		return nowMillis < this.expiresAtMillis;
	}

	boolean isRefreshDueAt(long nowMillis) {
		return nowMillis >= this.refreshAtMillis;
	}

	@Override
	public String toString() {
		return "CachedCredentials[" + this.credentials + ", refreshAtMillis=" + this.refreshAtMillis
				+ ", expiresAtMillis=" + this.expiresAtMillis + "]";
	}

}
