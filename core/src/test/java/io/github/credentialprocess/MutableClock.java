package io.github.credentialprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand, to reach an expiration without waiting for it, or to step the
 * wall clock the way a suspend, a VM pause or an NTP correction does while the monotonic clock
 * (which the refresh thread's timer runs on) does not move. With a {@linkplain #mirroredTo(Path)
 * mirror file} it also writes its time there (epoch seconds), for helper scripts that must live on
 * the same clock.
 */
final class MutableClock extends Clock {

	private volatile Instant now;

	private Path mirror;

	MutableClock(Instant now) {
		this.now = now;
	}

	/** A clock starting at the current time whose every step is written to {@code file}. */
	static MutableClock mirroredTo(Path file) {
		MutableClock clock = new MutableClock(Instant.now());
		clock.mirror = file;
		clock.set(clock.now);
		return clock;
	}

	void advance(Duration duration) {
		set(this.now.plus(duration));
	}

	void set(Instant instant) {
		this.now = instant;
		if (this.mirror != null) {
			try {
				Files.writeString(this.mirror, Long.toString(instant.getEpochSecond()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public long millis() {
		return this.now.toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
