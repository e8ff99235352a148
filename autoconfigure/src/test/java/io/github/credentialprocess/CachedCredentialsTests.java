package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachedCredentialsTests {

	private static final Instant FETCHED = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration DURATION = Duration.ofMinutes(15);

	private static final Duration WINDOW = Duration.ofMinutes(5);

	@Test
	void refreshIsDueTheExpiryWindowBeforeTheExpiration() {
		CachedCredentials cached = CachedCredentials.of(expiringIn(Duration.ofHours(1)), DURATION, WINDOW, true);
		assertThat(cached.expiresAtMillis()).isEqualTo(FETCHED.plus(Duration.ofHours(1)).toEpochMilli());
		assertThat(cached.refreshAtMillis()).isEqualTo(FETCHED.plus(Duration.ofMinutes(55)).toEpochMilli());
	}

	@Test
	void credentialsWithLessLifeThanTheWindowRefreshAtHalfTheirLife() {
		CachedCredentials cached = CachedCredentials.of(expiringIn(Duration.ofMinutes(2)), DURATION, WINDOW, true);
		assertThat(cached.refreshAtMillis()).isEqualTo(FETCHED.plus(Duration.ofMinutes(1)).toEpochMilli());
	}

	@Test
	void refreshIsDueAtLeastASecondBeforeExpirationEvenWithoutAWindow() {
		CachedCredentials cached = CachedCredentials.of(expiringIn(Duration.ofHours(1)), DURATION, Duration.ZERO, true);
		assertThat(cached.refreshAtMillis()).isEqualTo(cached.expiresAtMillis() - 1_000);
	}

	@Test
	void staleCopyKeepsTheTimesButMustBeCheckedAgainstTheClock() {
		CachedCredentials cached = CachedCredentials.of(expiringIn(Duration.ofHours(1)), DURATION, WINDOW, true);
		CachedCredentials stale = cached.asStale();
		assertThat(stale.fresh()).isFalse();
		assertThat(stale.credentials()).isSameAs(cached.credentials());
		assertThat(stale.expiresAtMillis()).isEqualTo(cached.expiresAtMillis());
	}

	@Test
	void credentialsWithoutExpirationLiveForTheDuration() {
		ProcessCredentials credentials = new ProcessCredentials("AKID", "SECRET", null, Optional.empty(),
				Optional.empty(), Optional.empty(), FETCHED);
		CachedCredentials cached = CachedCredentials.of(credentials, DURATION, WINDOW, true);
		assertThat(cached.expiresAtMillis()).isEqualTo(FETCHED.plus(DURATION).toEpochMilli());
		assertThat(cached.refreshAtMillis()).isEqualTo(FETCHED.plus(Duration.ofMinutes(10)).toEpochMilli());
	}

	@Test
	void credentialsAreValidUntilTheirExpiration() {
		CachedCredentials cached = CachedCredentials.of(expiringIn(Duration.ofMinutes(1)), DURATION, WINDOW, false);
		assertThat(cached.isValidAt(cached.expiresAtMillis() - 1)).isTrue();
		assertThat(cached.isValidAt(cached.expiresAtMillis())).isFalse();
	}

	private static ProcessCredentials expiringIn(Duration life) {
		return new ProcessCredentials("AKID", "SECRET", "TOKEN", Optional.of(FETCHED.plus(life)), Optional.empty(),
				Optional.empty(), FETCHED);
	}

}
