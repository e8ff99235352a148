package io.github.credentialprocess;

import java.time.Duration;

/**
 * Durations as people write them, and as Spring Boot reads them back from a property:
 * {@code 1m}, {@code 24s}, {@code 1m30s}, {@code 750ms}, never {@code PT1M}. For log lines and
 * messages a person reads.
 */
final class Durations {

	private static final long[] UNIT_SECONDS = { 86_400, 3_600, 60, 1 };

	private static final String[] UNIT_SUFFIXES = { "d", "h", "m", "s" };

	private Durations() {
	}

	/** Whole units down to milliseconds (below a second, nanoseconds if it is not whole milliseconds). */
	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		if (duration.isNegative()) {
			// The most negative durations have no positive counterpart; a setting refuses them, and
			// its message shows them as they are.
			return (duration.getSeconds() == Long.MIN_VALUE) ? duration.toString() : "-" + format(duration.negated());
		}
		long seconds = duration.getSeconds();
		int nanos = duration.getNano();
		if (seconds == 0 && nanos % 1_000_000 != 0) {
			return nanos + "ns";
		}
		StringBuilder text = new StringBuilder();
		long left = seconds;
		for (int i = 0; i < UNIT_SECONDS.length; i++) {
			long count = left / UNIT_SECONDS[i];
			if (count > 0) {
				text.append(count).append(UNIT_SUFFIXES[i]);
				left -= count * UNIT_SECONDS[i];
			}
		}
		if (nanos >= 1_000_000) {
			text.append(nanos / 1_000_000).append("ms");
		}
		return text.toString();
	}

}
