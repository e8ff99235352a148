package io.github.credentialprocess.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CredentialProcessObservationAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path folder;

	private Scripts scripts;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessObservationAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.command=" + this.scripts.rotatingCredentials(3600)
					+ " --role-arn secret-argument");
	}

	@Test
	void runWhenAnObservationRegistryExistsShouldObserveASuccessfulRunWithItsKeyValues() {
		this.contextRunner.withUserConfiguration(TestRegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			// The run the context starts in the background once every bean exists.
			await().atMost(WAIT).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("aws.credential.process")
				.that()
				.hasContextualNameEqualTo("credential_process run")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("trigger", "startup")
				.hasLowCardinalityKeyValue("error.code", "none")
				.hasBeenStarted()
				.hasBeenStopped()
				.doesNotHaveError());
		});
	}

	@Test
	void runWhenARunTimesOutShouldObserveItsErrorAndErrorCode(@TempDir Path other) {
		this.contextRunner.withUserConfiguration(TestRegistryConfiguration.class)
			.withPropertyValues("aws.credential-process.command=" + new Scripts(other).script("sleep 30"),
					"aws.credential-process.timeout=300ms")
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				await().atMost(WAIT).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("aws.credential.process")
					.that()
					.hasLowCardinalityKeyValue("outcome", "failure")
					.hasLowCardinalityKeyValue("error.code", "timeout")
					.hasLowCardinalityKeyValue("trigger", "startup")
					.hasBeenStopped()
					.assertThatError()
					.isInstanceOf(CredentialProcessException.class));
			});
	}

	@Test
	void runWithSpringBootsMetricsShouldTimeEveryRunAndKeepTheErrorCodeBesideMicrometersErrorTag() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.min-refresh-interval=0s")
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
				provider.resolveCredentials();
				this.scripts.failFromNowOn(true);
				assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh);
				Timer success = meters.get("aws.credential.process")
					.tags("outcome", "success", "error.code", "none", "error", "none")
					.timer();
				Timer failure = meters.get("aws.credential.process")
					.tags("outcome", "failure", "error.code", "execution", "error", "CredentialProcessException",
							"trigger", "manual")
					.timer();
				assertThat(success.count()).isEqualTo(1);
				assertThat(failure.count()).isEqualTo(1);
				assertThat(failure.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
			});
	}

	@Test
	void runWithATracerShouldRecordASpanForEveryRun() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
			.withUserConfiguration(TracerConfiguration.class)
			.run((context) -> {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				// The span is listed when the run starts; onlySpan() also wants it finished.
				await().atMost(WAIT).untilAsserted(tracer::onlySpan);
				SimpleSpan span = tracer.onlySpan();
				assertThat(span.getName()).isEqualTo("credential_process run");
				assertThat(span.getTags()).containsEntry("provider", "default")
					.containsEntry("outcome", "success")
					.containsEntry("trigger", "startup")
					.containsEntry("error.code", "none");
				assertThat(span.getEndTimestamp()).isAfter(span.getStartTimestamp());
			});
	}

	@Test
	void runWithATracerShouldMakeTheSpanCurrentOnTheThreadThatRunsTheProcess(@TempDir Path other) {
		List<String> currentSpans = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
			.withUserConfiguration(TracerConfiguration.class)
			.withBean("spanWatcher", CredentialProcessListener.class, () -> new CredentialProcessListener() {
				// Heard while the run is in progress, on the thread that runs it.
				@Override
				public void onRunFailed(CredentialProcessException failure) {
					io.micrometer.tracing.Span span = CredentialProcessObservationAutoConfigurationTests.tracer.currentSpan();
					currentSpans.add((span != null) ? span.context().spanId() : "none");
				}
			})
			// One run: the retry of the failed run a second later would add a second span.
			.withPropertyValues("aws.credential-process.command=" + new Scripts(other).script("exit 3"),
					"aws.credential-process.retry.initial-delay=1h", "aws.credential-process.retry.max-delay=1h")
			.run((context) -> {
				await().atMost(WAIT).until(() -> !currentSpans.isEmpty());
				await().atMost(WAIT).untilAsserted(tracer::onlySpan);
				SimpleSpan run = tracer.onlySpan();
				assertThat(run.getName()).isEqualTo("credential_process run");
				assertThat(currentSpans).containsExactly(run.context().spanId());
				assertThat(context.getBean(SimpleTracer.class).currentSpan()).as("after the run").isNull();
			});
	}

	@Test
	void runWhenTheContextStopsDuringARunShouldObserveItAsCancelledWithoutAnError(@TempDir Path other) {
		Path slow = new Scripts(other).script("sleep 300");
		this.contextRunner.withUserConfiguration(TestRegistryConfiguration.class)
			.withPropertyValues("aws.credential-process.command=" + slow)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				await().atMost(WAIT).until(() -> new Scripts(other).runs() == 1);
				context.stop();
				await().atMost(WAIT).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("aws.credential.process")
					.that()
					.hasLowCardinalityKeyValue("outcome", "cancelled")
					.hasLowCardinalityKeyValue("error.code", "cancelled")
					.hasBeenStopped()
					.doesNotHaveError());
			});
	}

	@Test
	void keyValuesNeverCarryASecretAnAccessKeyIdOrTheCommandLine(@TempDir Path other) {
		this.contextRunner.withUserConfiguration(RecordingRegistryConfiguration.class)
			.withPropertyValues("aws.credential-process.command="
					+ new Scripts(other).printing(Scripts.credentialsJson(java.util.Optional.empty())) + " --role-arn secret-argument",
					"aws.credential-process.min-refresh-interval=0s")
			.run((context) -> {
				List<Observation.Context> stopped = context.getBean(RecordingRegistryConfiguration.class).stopped;
				CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
				provider.resolveCredentials();
				provider.refresh();
				await().atMost(WAIT).until(() -> stopped.size() == 2);
				List<String> shown = stopped.stream()
					.flatMap((observed) -> observed.getAllKeyValues().stream())
					.flatMap((keyValue) -> java.util.stream.Stream.of(keyValue.getKey(), keyValue.getValue()))
					.toList();
				assertThat(shown).isNotEmpty()
					.allSatisfy((text) -> assertThat(text).doesNotContain(Scripts.SECRET_ACCESS_KEY,
							Scripts.SESSION_TOKEN, Scripts.ACCESS_KEY_ID, "2345", "secret-argument", "role-arn",
							other.toString()));
				assertThat(stopped).allSatisfy((observed) -> assertThat(observed.getHighCardinalityKeyValues()).isEmpty());
			});
	}

	@Test
	void runWhenAConventionBeanExistsShouldUseIt() {
		this.contextRunner.withUserConfiguration(TestRegistryConfiguration.class, CustomConventionConfiguration.class)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				context.getBean(CredentialProcessProvider.class).resolveCredentials();
				await().atMost(WAIT).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("aws.credential.process")
					.that()
					.hasLowCardinalityKeyValue("team", "payments")
					.hasLowCardinalityKeyValue("outcome", "success"));
			});
	}

	@Test
	void listenerWithoutARegistryObservesNothingAndBreaksNothing() {
		CredentialProcessObservation withoutRegistry = new CredentialProcessObservation(() -> null, null);
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(withoutRegistry)
			.minRefreshInterval(Duration.ZERO)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			assertThat(provider.refresh().accessKeyId()).isEqualTo("AKIDRUN0002");
		}
	}

	@Test
	void runWhenNoObservationRegistryExistsShouldNotObserve() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
			.doesNotHaveBean(CredentialProcessObservation.class));
	}

	@Test
	void runWhenTheObservationApiIsAbsentShouldNotObserve() {
		this.contextRunner.withUserConfiguration(TestRegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
				.doesNotHaveBean(CredentialProcessObservation.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TestRegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingRegistryConfiguration {

		final List<Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					RecordingRegistryConfiguration.this.stopped.add(context);
				}

			});
			return registry;
		}

	}

	/** One tracer for the test class, so that a listener built before the context can ask it. */
	private static final SimpleTracer tracer = new SimpleTracer();

	@Configuration(proxyBeanMethods = false)
	static class TracerConfiguration {

		@Bean
		SimpleTracer tracer() {
			tracer.getSpans().clear();
			return tracer;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConventionConfiguration {

		@Bean
		CredentialProcessObservationConvention teamConvention() {
			return new DefaultCredentialProcessObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(CredentialProcessRunContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "payments");
				}

			};
		}

	}

}
