package io.github.credentialprocess;

import java.time.Duration;

/**
 * Durations as people write them, and as Spring Boot reads them back from a property:
 * {@code 1m}, {@code 24s}, {@code 1m30s}, {@code 750ms}, never {@code PT1M}. For log lines and
 * messages a person reads.
 */
final class Durations {

	private static final long[] UNIT_NANOS = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
			1_000_000_000L, 1_000_000L };

	private static final String[] UNIT_SUFFIXES = { "d", "h", "m", "s", "ms" };

	private Durations() {
	}

	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		if (duration.isNegative()) {
			return "-" + format(duration.negated());
		}
		if (duration.toNanos() % 1_000_000 != 0 && duration.compareTo(Duration.ofSeconds(1)) < 0) {
			return duration.toNanos() + "ns";
		}
		StringBuilder text = new StringBuilder();
		long left = duration.toNanos();
		for (int i = 0; i < UNIT_NANOS.length; i++) {
			long count = left / UNIT_NANOS[i];
			if (count > 0) {
				text.append(count).append(UNIT_SUFFIXES[i]);
				left -= count * UNIT_NANOS[i];
			}
		}
		return text.toString();
	}

}
