package io.github.credentialprocess;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durations in log lines and messages are written as people write them, and as Spring Boot reads
 * them back from a property: {@code 1m}, {@code 24s}, never {@code PT1M}.
 */
class DurationsTests {

	@Test
	void wholeUnitsAreWrittenWithTheirSuffix() {
		assertThat(Durations.format(Duration.ofMinutes(1))).isEqualTo("1m");
		assertThat(Durations.format(Duration.ofSeconds(24))).isEqualTo("24s");
		assertThat(Durations.format(Duration.ofMillis(750))).isEqualTo("750ms");
		assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
		assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1d");
	}

	@Test
	void mixedUnitsAreWrittenFromTheLargest() {
		assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
		assertThat(Durations.format(Duration.ofMillis(1001))).isEqualTo("1s1ms");
		assertThat(Durations.format(Duration.ofMinutes(150))).isEqualTo("2h30m");
	}

	@Test
	void zeroAndNegativeAndSubMillisecondDurationsAreWritten() {
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
		assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("1500ns");
	}

	@Test
	void durationsPastWhatNanosecondsHoldAreWritten() {
		assertThat(Durations.format(Duration.ofDays(200_000))).isEqualTo("200000d");
		assertThat(Durations.format(Duration.ofDays(-200_000).minusMillis(5))).isEqualTo("-200000d5ms");
	}

}
