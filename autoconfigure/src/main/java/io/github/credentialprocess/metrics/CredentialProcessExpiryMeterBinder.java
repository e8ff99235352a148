package io.github.credentialprocess.metrics;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the time gauge {@value #EXPIRY_GAUGE} per provider, tagged {@value #PROVIDER_TAG}
 * ({@code default} or the provider's name): the time until its cached credentials expire, or NaN
 * when none are cached.
 */
public class CredentialProcessExpiryMeterBinder implements MeterBinder {

	/** Name of the gauge of the time left before the cached credentials expire. */
	public static final String EXPIRY_GAUGE = "aws.credential.process.expiry";

	/** The tag naming the provider of a meter: {@code default} or the provider's name. */
	public static final String PROVIDER_TAG = "provider";

	private final Map<String, CredentialProcessProvider> providers;

	/**
	 * Creates the binder of the default provider.
	 * @param provider the provider whose credentials to watch
	 */
	public CredentialProcessExpiryMeterBinder(CredentialProcessProvider provider) {
		this(Map.of("default", provider));
	}

	/**
	 * Creates the binder of several providers.
	 * @param providers the providers whose credentials to watch, by name
	 */
	public CredentialProcessExpiryMeterBinder(Map<String, CredentialProcessProvider> providers) {
		this.providers = Map.copyOf(providers);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.providers.forEach((name, provider) -> TimeGauge
			.builder(EXPIRY_GAUGE, provider, TimeUnit.MILLISECONDS, CredentialProcessExpiryMeterBinder::millisLeft)
			.description("Time until the cached AWS credentials expire; NaN when none are cached")
			.tag(PROVIDER_TAG, name)
			.register(registry));
	}

	private static double millisLeft(CredentialProcessProvider provider) {
		return provider.status().expiresIn().map((left) -> (double) left.toMillis()).orElse(Double.NaN);
	}

}
