package io.github.credentialprocess.metrics;

import java.nio.file.Path;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The meters of several providers carry the tag {@code provider}. */
class NamedProvidersMetricsTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		Path good = this.scripts.rotatingCredentials(3600);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("aws.credential-process.command=" + good,
					"aws.credential-process.providers.billing.command=" + good,
					"aws.credential-process.providers.billing.min-refresh-interval=0s");
	}

	@Test
	void runWhenProvidersHaveCredentialsShouldGaugeEachTaggedWithItsName() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(CredentialProcessExpiryMeterBinder.class).bindTo(registry);
			await().until(() -> registry.get(CredentialProcessExpiryMeterBinder.EXPIRY_GAUGE)
				.tag("provider", "billing")
				.timeGauge()
				.value() > 0
					&& registry.get(CredentialProcessExpiryMeterBinder.EXPIRY_GAUGE)
						.tag("provider", "default")
						.timeGauge()
						.value() > 0);
		});
	}

	@Test
	void runWhenTheRegistryIsBoundShouldRegisterEachProvidersFailureCounterAtZero() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(CredentialProcessMetrics.class).bindTo(registry);
			assertThat(registry.get(CredentialProcessMetrics.FAILURE_COUNTER).tag("provider", "default").counter().count())
				.isZero();
			assertThat(registry.get(CredentialProcessMetrics.FAILURE_COUNTER).tag("provider", "billing").counter().count())
				.isZero();
		});
	}

	@Test
	void runWhenANamedProviderFailsShouldCountTheFailureTaggedWithItsName() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CredentialProcessProvider billing = context.getBean("billingCredentialProcessProvider",
					CredentialProcessProvider.class);
			billing.resolveCredentials();
			this.scripts.failFromNowOn(true);
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(billing::refresh);
			assertThat(registry.get(CredentialProcessMetrics.FAILURE_COUNTER).tag("provider", "billing").counter().count())
				.isEqualTo(1);
		});
	}

}
