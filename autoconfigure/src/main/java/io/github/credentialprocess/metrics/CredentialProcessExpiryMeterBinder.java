package io.github.credentialprocess.metrics;

import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the time gauge {@value #EXPIRY_GAUGE}: the time until the cached credentials expire,
 * or NaN when none are cached.
 */
public class CredentialProcessExpiryMeterBinder implements MeterBinder {

	/** Name of the gauge of the time left before the cached credentials expire. */
	public static final String EXPIRY_GAUGE = "aws.credential.process.expiry";

	private final CredentialProcessProvider provider;

	/**
	 * Creates the binder.
	 * @param provider the provider whose credentials to watch
	 */
	public CredentialProcessExpiryMeterBinder(CredentialProcessProvider provider) {
		this.provider = provider;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TimeGauge.builder(EXPIRY_GAUGE, this.provider, TimeUnit.MILLISECONDS, CredentialProcessExpiryMeterBinder::millisLeft)
			.description("Time until the cached AWS credentials expire; NaN when none are cached")
			.register(registry);
	}

	private static double millisLeft(CredentialProcessProvider provider) {
		return provider.status().expiresIn().map((left) -> (double) left.toMillis()).orElse(Double.NaN);
	}

}
