package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Named providers under {@code aws.credential-process.providers}: their beans, their validation and
 * their independence from each other and from the default provider.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamedProvidersAutoConfigurationTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	private Path script;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class));

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
	}

	@Test
	void runWhenProvidersAreSetShouldCreateAProviderBeanPerName() {
		this.contextRunner.withPropertyValues(named("billing"), named("audit"))
			.run((context) -> assertThat(context).hasBean("billingCredentialProcessProvider")
				.hasBean("auditCredentialProcessProvider")
				.hasBean("billingCredentialProcessLifecycle")
				.doesNotHaveBean("credentialProcessProvider"));
	}

	@Test
	void runWhenProvidersAreSetShouldInjectEachWithItsQualifier() {
		this.contextRunner.withPropertyValues(named("billing"), named("audit"))
			.withUserConfiguration(QualifiedInjection.class)
			.run((context) -> assertThat(context.getBean(QualifiedInjection.class).billing)
				.isSameAs(context.getBean("billingCredentialProcessProvider")));
	}

	@Test
	void runWhenDefaultAndNamedProvidersAreSetShouldInjectTheDefaultWithoutQualifier() {
		this.contextRunner.withPropertyValues("aws.credential-process.command='" + this.script + "'", named("billing"))
			.run((context) -> assertThat(context.getBean(CredentialProcessProvider.class))
				.isSameAs(context.getBean("credentialProcessProvider")));
	}

	@Test
	void runWhenOnlyOneNamedProviderIsSetShouldNotTakeItForTheDefault() {
		this.contextRunner.withPropertyValues(named("billing"))
			.run((context) -> assertThat(CredentialProcessProviders.of(context)).containsOnlyKeys("billing"));
	}

	@Test
	void runWhenOnlyNamedProvidersAreSetShouldSaySoAtStartup(CapturedOutput output) {
		this.contextRunner.withPropertyValues(named("billing"))
			.run((context) -> assertThat(output).contains("No default credential process provider")
				.contains("[billing] are injected only with @Qualifier"));
	}

	@Test
	void runWhenProvidersAreSetShouldGiveEachItsOwnCredentials() {
		this.contextRunner.withPropertyValues(named("billing"))
			.run((context) -> assertThat(context.getBean("billingCredentialProcessProvider", CredentialProcessProvider.class)
				.resolveCredentials()
				.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID));
	}

	@Test
	void runWhenOneProviderHangsShouldNotDelayAnother() {
		Path hanging = this.scripts.hangingAfterWritingPid(this.folder.resolve("hanging.pid"));
		this.contextRunner
			.withPropertyValues("aws.credential-process.providers.slow.command='" + hanging + "'",
					"aws.credential-process.providers.slow.timeout=10m", named("billing"))
			.run((context) -> {
				Scripts.awaitPid(this.folder.resolve("hanging.pid"));
				assertThat(context.getBean("billingCredentialProcessProvider", CredentialProcessProvider.class)
					.resolveCredentials()
					.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
			});
	}

	@Test
	void runWhenTheContextStopsShouldStopEveryProvider() {
		this.contextRunner.withPropertyValues("aws.credential-process.command='" + this.script + "'", named("billing"))
			.run((context) -> {
				CredentialProcessProvider billing = context.getBean("billingCredentialProcessProvider",
						CredentialProcessProvider.class);
				await().until(() -> billing.status().hasValidCredentials()
						&& context.getBean(CredentialProcessProvider.class).status().hasValidCredentials());
				context.stop();
				assertThat(billing.status().hasValidCredentials()).isFalse();
				assertThat(context.getBean(CredentialProcessProvider.class).status().hasValidCredentials()).isFalse();
			});
	}

	@Test
	void runWhenANamedProviderFailsFastShouldNameItInTheFailureAnalysis() {
		Path failing = this.scripts.script("exit 3");
		this.contextRunner
			.withPropertyValues("aws.credential-process.providers.billing.command='" + failing + "'",
					"aws.credential-process.providers.billing.fail-fast=true")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("provider 'billing' failed during startup");
				assertThat(analysis.getAction()).contains("aws.credential-process.providers.billing.fail-fast=false");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			timeout=0s                           | providers.billing.timeout is 0s, but it must be positive
			duration=-1s                         | providers.billing.duration is -1s, but it must be positive
			duration=-PT1M30S                    | providers.billing.duration is -90s, but it must be positive
			expiry-window=-1m                    | providers.billing.expiry-window is -1m, but it must not be negative
			min-refresh-interval=-1500ms         | providers.billing.min-refresh-interval is -1500ms, but it must not be negative
			timeout=366d                         | providers.billing.timeout is 366d, but it must be at most 365d
			retry.max-delay=200000d              | providers.billing.retry.max-delay is 200000d, but it must be at most 365d
			timeout=PT9999999999999.000000001S   | providers.billing.timeout is PT2777777777H46M39.000000001S, but it must be at most 365d
			expiry-window=PT9999999999999999.001S | providers.billing.expiry-window is PT2777777777777H46M39.001S, but it must be at most 365d
			min-refresh-interval=-PT9999999999999999.001S | providers.billing.min-refresh-interval is PT-2777777777777H-46M-39.001S, but it must not be negative
			max-buffer-size=63B                  | providers.billing.max-buffer-size is 63B
			expiry-window=-1s                    | providers.billing.expiry-window is -1s, but it must not be negative
			refresh-jitter=1.5                   | providers.billing.refresh-jitter is 1.5, but it must be between 0 and 1
			retry.initial-delay=0s               | providers.billing.retry.initial-delay is 0s, but it must be positive
			retry.max-delay=0s                   | providers.billing.retry.max-delay is 0s, but it must be positive
			min-refresh-interval=-1s             | providers.billing.min-refresh-interval is -1s, but it must not be negative
			""")
	void runWhenANamedProviderHasAnInvalidSettingShouldNameItsProperty(String setting, String description) {
		this.contextRunner
			.withPropertyValues(named("billing"), "aws.credential-process.providers.billing." + setting)
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("aws.credential-process." + description));
	}

	@Test
	void runWhenANamedProviderHasABlankCommandShouldNameItsProperty() {
		// Spaces, not an empty value: TestPropertyValues would trim them away, and empty means unset.
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("layer", Map.of("aws.credential-process.providers.billing.command", "  "))))
			.run((context) -> assertThat(analysis(context).getAction())
				.contains("Set aws.credential-process.providers.billing.command to"));
	}

	@Test
	void runWhenANamedProviderHasTwoSourcesShouldNameBoth() {
		this.contextRunner
			.withPropertyValues(named("billing"), "aws.credential-process.providers.billing.profile=audit")
			.run((context) -> assertThat(analysis(context).getDescription()).contains(
					"aws.credential-process.providers.billing.command and aws.credential-process.providers.billing.profile are"));
	}

	@Test
	void runWhenANamedProviderHasAnEmptyCommandAndAProfileShouldTakeTheProfile() {
		this.contextRunner
			.withPropertyValues("aws.credential-process.providers.billing.command=",
					"aws.credential-process.providers.billing.argv[0]=" + this.script)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("billingCredentialProcessProvider"));
	}

	@Test
	void runWhenANamedProviderHasOnlyEmptySourcesShouldSayItHasNone() {
		this.contextRunner.withPropertyValues("aws.credential-process.providers.billing.command=")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("aws.credential-process.providers.billing.command, argv and profile are all unset or empty"));
	}

	@Test
	void runWhenTheDefaultCommandIsEmptyShouldHaveNoDefaultProviderBesideTheNamedOnes() {
		this.contextRunner.withPropertyValues("aws.credential-process.command=", named("billing"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("billingCredentialProcessProvider")
				.doesNotHaveBean("credentialProcessProvider"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Billing", "audit-eu", "2nd" })
	void runWhenAProviderNameIsNotALowerCaseIdentifierShouldRefuseIt(String name) {
		this.contextRunner.withPropertyValues("aws.credential-process.providers[" + name + "].command=/bin/true")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'" + name + "' under aws.credential-process.providers.* is not a valid provider name"));
	}

	@Test
	void runWhenAProviderIsNamedDefaultShouldRefuseIt() {
		this.contextRunner.withPropertyValues(named("default"))
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("aws.credential-process.providers.default is not allowed"));
	}

	@Test
	void runWhenAClientMapsToAnUnknownProviderShouldListTheValidNames() {
		this.contextRunner.withPropertyValues(named("billing"), named("audit"), "aws.credential-process.clients.s3=biling")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("aws.credential-process.clients.s3 is 'biling'");
				assertThat(analysis.getAction()).contains("one of audit, billing");
			});
	}

	@Test
	void runWhenAClientMapsToDefaultWithoutADefaultProviderShouldRefuseIt() {
		this.contextRunner.withPropertyValues(named("billing"), "aws.credential-process.clients.s3=default")
			.run((context) -> assertThat(analysis(context).getAction()).contains("one of billing,"));
	}

	@Test
	void runWhenOneClientTypeIsMappedUnderTwoSpellingsToTwoProvidersShouldRefuseBoth() {
		// parameter.store is how the environment variable AWS_CREDENTIALPROCESS_CLIENTS_PARAMETER_STORE binds.
		this.contextRunner
			.withPropertyValues("aws.credential-process.command='" + this.script + "'", named("billing"),
					"aws.credential-process.clients.parameter-store=billing",
					"aws.credential-process.clients.parameter.store=default")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("both name the client type parameter-store");
				assertThat(analysis.getAction()).contains("AWS_CREDENTIALPROCESS_CLIENTS_PARAMETERSTORE");
			});
	}

	@Test
	void runWhenOneClientTypeIsMappedUnderTwoSpellingsToOneProviderShouldAcceptIt() {
		this.contextRunner
			.withPropertyValues(named("billing"), "aws.credential-process.clients.parameter-store=billing",
					"aws.credential-process.clients.parameterstore=billing")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void runWhenAClientTypeIsUnknownShouldListTheValidTypes() {
		this.contextRunner.withPropertyValues(named("billing"), "aws.credential-process.clients.kinesis=billing")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.contains("aws.credential-process.clients.kinesis names a client type Spring Cloud AWS does not have");
				assertThat(analysis.getAction()).contains("s3, sqs, sns, ses, dynamodb, cloudwatch, parameter-store, "
						+ "secrets-manager, app-config");
			});
	}

	@Test
	void runWhenTheUserDefinesANamedProviderBeanShouldUseTheUsers() {
		this.contextRunner.withPropertyValues(named("billing"))
			.withUserConfiguration(UserNamedProvider.class)
			.run((context) -> assertThat(context.getBean("billingCredentialProcessProvider"))
				.isSameAs(UserNamedProvider.PROVIDER));
	}

	private String named(String name) {
		return "aws.credential-process.providers." + name + ".command='" + this.script + "'";
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new CredentialProcessFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	static class QualifiedInjection {

		final CredentialProcessProvider billing;

		QualifiedInjection(@Qualifier("billing") CredentialProcessProvider billing) {
			this.billing = billing;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamedProvider {

		static final CredentialProcessProvider PROVIDER = CredentialProcessProvider.builder()
			.command(java.util.List.of("/bin/true"))
			.build();

		@Bean
		CredentialProcessProvider billingCredentialProcessProvider() {
			return PROVIDER;
		}

	}

}
