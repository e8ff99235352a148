package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timing rules, to the millisecond: a random source that always draws the same fraction pins
 * the jitter, so that any change to the arithmetic fails a test.
 */
class RefreshPolicyTests {

	private static final Instant FETCHED = Instant.parse("2030-01-01T00:00:00Z");

	private static final long T0 = FETCHED.toEpochMilli();

	private static final Duration DURATION = Duration.ofMinutes(15);

	private static final Duration WINDOW = Duration.ofMinutes(5);

	@Test
	void credentialsExpireAtTheirExpiration() {
		CachedCredentials entry = policy(WINDOW, 0, 0).entryFor(expiringIn(Duration.ofHours(1)));
		assertThat(entry.expiresAtMillis()).isEqualTo(T0 + Duration.ofHours(1).toMillis());
	}

	@Test
	void credentialsWithoutExpirationLiveForTheDuration() {
		ProcessCredentials credentials = new ProcessCredentials("AKID", "SECRET", null, Optional.empty(),
				Optional.empty(), Optional.empty(), FETCHED);
		CachedCredentials entry = policy(WINDOW, 0, 0).entryFor(credentials);
		assertThat(entry.expiresAtMillis()).isEqualTo(T0 + DURATION.toMillis());
		assertThat(entry.refreshAtMillis()).isEqualTo(T0 + Duration.ofMinutes(10).toMillis());
	}

	@Test
	void withoutJitterTheRefreshIsDueTheExpiryWindowBeforeTheExpiration() {
		assertThat(refreshAfter(Duration.ofHours(1), WINDOW, 0, 0)).isEqualTo(Duration.ofMinutes(55));
	}

	@Test
	void credentialsWithLessLifeThanTheWindowRefreshAtHalfTheirLife() {
		assertThat(refreshAfter(Duration.ofMinutes(2), WINDOW, 0, 0)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void credentialsWithExactlyTheWindowOfLifeRefreshAtHalfTheirLife() {
		assertThat(refreshAfter(WINDOW, WINDOW, 0, 0)).isEqualTo(Duration.ofSeconds(150));
	}

	@Test
	void credentialsWithJustMoreLifeThanTheWindowRefreshTheWindowAhead() {
		assertThat(refreshAfter(WINDOW.plusSeconds(1), WINDOW, 0, 0)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void withoutAWindowTheRefreshIsDueASecondBeforeTheExpiration() {
		assertThat(refreshAfter(Duration.ofHours(1), Duration.ZERO, 0, 0))
			.isEqualTo(Duration.ofHours(1).minusSeconds(1));
	}

	@Test
	void credentialsLivingUnderTwoSecondsWithoutAWindowRefreshAtHalfTheirLife() {
		assertThat(refreshAfter(Duration.ofMillis(1500), Duration.ZERO, 0, 0)).isEqualTo(Duration.ofMillis(750));
	}

	@Test
	void jitterTakesItsShareOfTheDrawOffTheLead() {
		// lead 300 s, less 0.6 x 0.5 of it: 210 s before the expiration
		assertThat(refreshAfter(Duration.ofHours(1), WINDOW, 0.6, 0.5))
			.isEqualTo(Duration.ofHours(1).minusSeconds(210));
	}

	@Test
	void jitterOfTheDefaultShareKeepsTheRefreshBetweenTheWholeWindowAndFortyPercentOfIt() {
		assertThat(refreshAfter(Duration.ofHours(1), WINDOW, RefreshPolicy.DEFAULT_REFRESH_JITTER, 0))
			.isEqualTo(Duration.ofMinutes(55));
		assertThat(refreshAfter(Duration.ofHours(1), WINDOW, RefreshPolicy.DEFAULT_REFRESH_JITTER, 0.999_999))
			.isEqualTo(Duration.ofHours(1).minusMinutes(2).minusMillis(1));
	}

	@Test
	void jitterShortensTheHalfLifeLeadToo() {
		// lead 60 s (half of 2 min), less 0.6 x 0.5 of it: 42 s before the expiration
		assertThat(refreshAfter(Duration.ofMinutes(2), WINDOW, 0.6, 0.5)).isEqualTo(Duration.ofSeconds(78));
	}

	@Test
	void jitterNeverMovesTheRefreshIntoTheLastSecond() {
		assertThat(refreshAfter(Duration.ofHours(1), Duration.ofMillis(1500), 1, 0.999))
			.isEqualTo(Duration.ofHours(1).minusSeconds(1));
	}

	@Test
	void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
		RefreshPolicy policy = policy(WINDOW, 0, 0);
		long[] expected = { 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000 };
		for (int failures = 1; failures <= expected.length; failures++) {
			assertThat(policy.retryDelayMillis(failures)).as("after %d failures", failures)
				.isEqualTo(expected[failures - 1]);
		}
		assertThat(policy.retryDelayMillis(Integer.MAX_VALUE)).isEqualTo(30_000);
		assertThat(policy.retryDelayMillis(0)).as("no failure counts as one").isEqualTo(1_000);
	}

	@Test
	void backoffFollowsConfiguredDelays() {
		RefreshPolicy policy = new RefreshPolicy(DURATION, WINDOW, 0, Duration.ofMillis(300), Duration.ofSeconds(2),
				new FixedRandom(0));
		assertThat(new long[] { policy.retryDelayMillis(1), policy.retryDelayMillis(2), policy.retryDelayMillis(3),
				policy.retryDelayMillis(4), policy.retryDelayMillis(5) })
			.containsExactly(300, 600, 1_200, 2_000, 2_000);
	}

	@Test
	void backoffJitterTakesUpToTwentyPercentOff() {
		assertThat(policy(WINDOW, 0, 0.5).retryDelayMillis(3)).isEqualTo(3_600);
		assertThat(policy(WINDOW, 0, 0.999_999).retryDelayMillis(6)).isEqualTo(24_001);
	}

	private static Duration refreshAfter(Duration life, Duration window, double jitter, double draw) {
		CachedCredentials entry = policy(window, jitter, draw).entryFor(expiringIn(life));
		return Duration.ofMillis(entry.refreshAtMillis() - T0);
	}

	private static RefreshPolicy policy(Duration window, double jitter, double draw) {
		RandomGenerator random = new FixedRandom(draw);
		return new RefreshPolicy(DURATION, window, jitter, RefreshPolicy.DEFAULT_RETRY_INITIAL_DELAY,
				RefreshPolicy.DEFAULT_RETRY_MAX_DELAY, random);
	}

	private static ProcessCredentials expiringIn(Duration life) {
		return new ProcessCredentials("AKID", "SECRET", "TOKEN", Optional.of(FETCHED.plus(life)), Optional.empty(),
				Optional.empty(), FETCHED);
	}

}
