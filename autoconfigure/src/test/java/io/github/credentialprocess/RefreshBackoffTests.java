package io.github.credentialprocess;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshBackoffTests {

	@RepeatedTest(20)
	void delayDoublesFromOneSecondUpToThirtyWithAtMostTwentyPercentJitter() {
		long[] nominal = { 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000 };
		for (int failures = 1; failures <= nominal.length; failures++) {
			long expected = nominal[failures - 1];
			assertThat(RefreshBackoff.delayMillis(failures)).isBetween((long) (expected * 0.8), expected);
		}
		assertThat(RefreshBackoff.delayMillis(Integer.MAX_VALUE)).isBetween(24_000L, 30_000L);
	}

}
