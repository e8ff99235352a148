package io.github.credentialprocess.metrics;

import java.nio.file.Path;
import java.time.Duration;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.LogCapture;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CredentialProcessMetricsAutoConfigurationTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessMetricsAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.command=" + this.scripts.rotatingCredentials(3600));
	}

	@Test
	void runWhenAMeterRegistryExistsShouldCountEveryFailedRun() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("aws.credential-process.min-refresh-interval=0s")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
				provider.resolveCredentials();
				assertThat(registry.get(CredentialProcessMetrics.FAILURE_COUNTER).counter().count()).isZero();
				this.scripts.failFromNowOn(true);
				assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh);
				assertThat(registry.get(CredentialProcessMetrics.FAILURE_COUNTER).counter().count()).isEqualTo(1);
			});
	}

	@Test
	void runWhenAMeterRegistryExistsShouldRegisterTheFailureCounterAtZeroBeforeAnyRun() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.get(CredentialProcessMetrics.FAILURE_COUNTER)
				.counter()
				.count()).isZero());
	}

	@Test
	void runWhenCredentialsAreCachedShouldGaugeTheTimeUntilTheyExpire() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(CredentialProcessProvider.class).resolveCredentials();
			double secondsLeft = registry.get(CredentialProcessExpiryMeterBinder.EXPIRY_GAUGE)
				.timeGauge()
				.value(java.util.concurrent.TimeUnit.SECONDS);
			assertThat(secondsLeft).isBetween(3500.0, 3600.0);
		});
	}

	@Test
	void runWhenNothingIsCachedShouldGaugeNaN(@TempDir Path other) {
		Path failing = new Scripts(other).script("exit 1");
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("aws.credential-process.command=" + failing)
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.get(CredentialProcessExpiryMeterBinder.EXPIRY_GAUGE)
				.timeGauge()
				.value()).isNaN());
	}

	@Test
	void runWhenTheContextStopsDuringARunShouldCountNoFailure(@TempDir Path other) {
		Path slow = new Scripts(other).script("sleep 300");
		try (LogCapture log = new LogCapture()) {
			this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
				.withPropertyValues("aws.credential-process.command=" + slow)
				.run((context) -> {
					await().atMost(Duration.ofSeconds(20)).until(() -> new Scripts(other).runs() == 1);
					context.stop();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> log.lines().stream().anyMatch((line) -> line.contains("run cancelled")));
					assertThat(context.getBean(MeterRegistry.class).get(CredentialProcessMetrics.FAILURE_COUNTER).counter()
						.count()).isZero();
				});
		}
	}

	@Test
	void runWhenTheContextClosesDuringARunShouldLogNoListenerFailure(@TempDir Path other) {
		Path slow = new Scripts(other).script("sleep 300");
		try (LogCapture log = new LogCapture()) {
			this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
				.withPropertyValues("aws.credential-process.command=" + slow)
				.run((context) -> await().atMost(Duration.ofSeconds(20)).until(() -> new Scripts(other).runs() == 1));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> log.lines().stream().anyMatch((line) -> line.contains("run cancelled")));
			assertThat(log.lines(ch.qos.logback.classic.Level.WARN)).isEmpty();
		}
	}

	@Test
	void runWhenNoMeterRegistryExistsShouldNotCreateMetrics() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
			.doesNotHaveBean(CredentialProcessMetrics.class)
			.doesNotHaveBean(CredentialProcessExpiryMeterBinder.class));
	}

	@Test
	void runWhenMicrometerIsAbsentShouldNotCreateMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
				.doesNotHaveBean(CredentialProcessMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry(java.util.List<io.micrometer.core.instrument.binder.MeterBinder> binders) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			binders.forEach((binder) -> binder.bindTo(registry));
			return registry;
		}

	}

}
