package io.github.credentialprocess;

import java.util.random.RandomGenerator;

/**
 * A random source that always draws the same fraction, so that jittered times can be asserted to
 * the millisecond.
 */
final class FixedRandom implements RandomGenerator {

	private final double fraction;

	FixedRandom(double fraction) {
		this.fraction = fraction;
	}

	@Override
	public double nextDouble() {
		return this.fraction;
	}

	@Override
	public long nextLong() {
		throw new UnsupportedOperationException("only nextDouble() is drawn");
	}

}
