package io.github.credentialprocess;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache entry: which moments count as valid and as due for a refresh, and why a refresh time
 * can never lie past the expiration.
 */
class CachedCredentialsTests {

	private static final ProcessCredentials CREDENTIALS = new ProcessCredentials("AKIDEXAMPLE1234", "SECRET", "TOKEN",
			Optional.of(Instant.ofEpochMilli(10_000)), Optional.empty(), Optional.empty(), Instant.ofEpochMilli(0));

	private final CachedCredentials entry = new CachedCredentials(CREDENTIALS, 8_000, 10_000);

	@Test
	void credentialsAreValidUntilTheMillisecondBeforeTheirExpiration() {
		assertThat(this.entry.isValidAt(9_999)).isTrue();
		assertThat(this.entry.isValidAt(10_000)).isFalse();
	}

	@Test
	void refreshIsDueFromItsMillisecondOn() {
		assertThat(this.entry.isRefreshDueAt(7_999)).isFalse();
		assertThat(this.entry.isRefreshDueAt(8_000)).isTrue();
	}

	@Test
	void movingTheRefreshKeepsTheCredentialsAndTheirExpiration() {
		CachedCredentials retry = this.entry.withRefreshAt(9_000);
		assertThat(retry.refreshAtMillis()).isEqualTo(9_000);
		assertThat(retry.expiresAtMillis()).isEqualTo(10_000);
		assertThat(retry.credentials()).isSameAs(CREDENTIALS);
	}

	@Test
	void refreshTimeIsNeverPastTheExpiration() {
		assertThat(this.entry.withRefreshAt(60_000).refreshAtMillis()).isEqualTo(10_000);
	}

	@Test
	void staticKeysNeverExpireNorFallDue() {
		CachedCredentials permanent = CachedCredentials.permanent(CREDENTIALS);
		assertThat(permanent.isValidAt(Long.MAX_VALUE - 1)).isTrue();
		assertThat(permanent.isRefreshDueAt(Long.MAX_VALUE - 1)).isFalse();
		assertThat(permanent.credentials()).isSameAs(CREDENTIALS);
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(this.entry.toString()).contains("****1234").doesNotContain("SECRET").doesNotContain("TOKEN");
	}

}
