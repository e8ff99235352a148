package io.github.credentialprocess;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Credentials in another form (the AWS SDK's), converted once per set of credentials, so that a
 * signed request allocates nothing, and dropped with them, so that a stopped provider holds no
 * secret in any form. One conversion at a time: a different converter replaces it.
 */
final class ConvertedCredentials {

	private final Lifecycle lifecycle;

	private final AtomicReference<Converted> last = new AtomicReference<>();

	ConvertedCredentials(Lifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	/**
	 * The credentials converted, reusing the last conversion of the same credentials. A conversion
	 * of credentials the provider no longer holds (a stop or a refresh came meanwhile) is not kept.
	 */
	<T> T convert(ProcessCredentials credentials, Function<? super ProcessCredentials, ? extends T> converter) {
		Converted previous = this.last.get();
		if (previous != null && previous.source() == credentials && previous.converter() == converter) {
			@SuppressWarnings("unchecked")
			T value = (T) previous.value();
			return value;
		}
		T value = converter.apply(credentials);
		Converted stored = new Converted(credentials, converter, value);
		this.last.set(stored);
		CachedCredentials current = this.lifecycle.cached();
		if (current == null || current.credentials() != credentials) {
			this.last.compareAndSet(stored, null);
		}
		return value;
	}

	void clear() {
		this.last.set(null);
	}

	/** Credentials in another form, and the converter that made them. */
	private record Converted(ProcessCredentials source, Function<?, ?> converter, Object value) {

		@Override
		public String toString() {
			return "Converted[" + this.source + "]";
		}

	}

}
