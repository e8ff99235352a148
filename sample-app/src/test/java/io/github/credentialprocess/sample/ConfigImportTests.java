package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.health.CredentialProcessHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud AWS's config import ({@code spring.config.import=aws-s3:...}) runs in the bootstrap
 * phase, before any bean exists, and signs with the process credentials: the credential process is
 * the only source of credentials here, and the embedded S3 server checks every signature. The
 * provider built for the import is the application's one provider.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigImportTests {

	/**
	 * Credentials that live 4 s: a provider left running after its application is gone would run
	 * the helper again within 2 to 3 s, for its refresh.
	 */
	private static final String SHORT_LIVED = "--aws.credential-process.environment.DEMO_LIFETIME_SECONDS=4";

	@RegisterExtension
	static final S3ConfigBucket s3 = new S3ConfigBucket();

	@TempDir
	Path folder;

	@Test
	void importLoadsThePropertiesSignedWithTheProcessCredentials() {
		try (ConfigurableApplicationContext context = start("aws-s3:config/app.properties")) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
			// The import's S3 client, now a bean, signs with the same provider.
			assertThat(context.getBean(S3Client.class).listObjectsV2((list) -> list.bucket("config")).contents())
				.hasSize(1);
		}
	}

	@Test
	void everyClientAndTheCredentialsProviderBeanShareOneProviderThatRanOnceAtStartup() {
		try (ConfigurableApplicationContext context = start("aws-s3:config/app.properties",
				"--aws.credential-process.min-refresh-interval=0s")) {
			CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
			AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
			Map<String, SdkClient> clients = context.getBeansOfType(SdkClient.class);
			assertThat(clients).isNotEmpty();
			clients.forEach((name, client) -> assertThat(
					((AwsServiceClientConfiguration) client.serviceClientConfiguration()).credentialsProvider())
				.as("credentials provider of %s", name)
				.isSameAs(credentials));
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).hasSize(1);
			assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo(S3ConfigBucket.ACCESS_KEY_ID);
			// The startup run after every bean exists finds the import's credentials valid and runs nothing.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs() == 1);
			assertThat(provider.status().lastRun()).hasValueSatisfying((run) -> assertThat(run.trigger().label())
				.isEqualTo("on-demand"));
			// The import's run ended before the application's observation registry existed: it is not
			// timed afterwards with a false duration. The runs from now on are.
			assertThat(context.getBean(MeterRegistry.class).find("aws.credential.process").timer()).isNull();
			provider.refresh();
			await().atMost(Duration.ofSeconds(10)).until(() -> runs() == 2);
			await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(MeterRegistry.class)
				.find("aws.credential.process")
				.tags("outcome", "success", "trigger", "manual")
				.timer() != null);
			System.out.printf("Config import: %d process run(s) at startup, %d CredentialProcessProvider bean(s), "
					+ "%d SDK client bean(s) all on one credentials provider%n", runs(),
					context.getBeansOfType(CredentialProcessProvider.class).size(), clients.size());
		}
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void helperWithAWrongSecretMakesTheImportFailWithTheSignatureError() {
		assertThatException()
			.isThrownBy(() -> start("aws-s3:config/app.properties", "--test.helper-secret=a-wrong-secret-access-key"))
			.satisfies((ex) -> assertThat(StartupFailures.causes(ex))
				.anyMatch((message) -> message.contains("signature we calculated does not match")
						&& message.contains("Status Code: 403")));
		assertThat(runs()).isEqualTo(1);
		// Nothing took over the provider the import built: the failed startup closed it.
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void optionalImportWithAFailingHelperStartsAndHealthShowsTheFailure() {
		try (ConfigurableApplicationContext context = start("optional:aws-s3:config/app.properties", "--test.fail=1")) {
			assertThat(context.getEnvironment().getProperty("greeting")).isNull();
			CredentialProcessHealthIndicator health = context.getBean(CredentialProcessHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
			assertThat(health.health().getDetails().get("lastRun"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("error", "EXECUTION");
		}
	}

	@Test
	void invalidPropertyMetDuringTheImportFailsWithTheFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("aws-s3:config/app.properties", "--test.timeout=0s"));
		assertThat(output).contains("Invalid credential process configuration: aws.credential-process.timeout is 0s")
			.contains("Set aws.credential-process.timeout to a positive duration");
		assertThat(runs()).isZero();
	}

	@Test
	void startupLineAndWritableFileWarningOfTheImportsProviderAreLoggedOnceLoggingWorks(CapturedOutput output)
			throws IOException {
		// Built while Boot's logging drops every event: what it logged then must not be lost.
		Path helper = Files.copy(Path.of(HelperRuns.COUNTING_HELPER), this.folder.resolve("counting-helper.sh"));
		Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxrw-rw-"));
		try (ConfigurableApplicationContext context = start("aws-s3:config/app.properties",
				"--aws.credential-process.argv[0]=sh", "--aws.credential-process.argv[1]=" + helper)) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
		}
		assertThat(output.getOut().split("AWS credentials come from the credential process 'sh'", -1)).hasSize(2);
		assertThat(output.getOut().split("credential process script " + helper + " is writable by group or others", -1))
			.hasSize(2);
	}

	static Stream<Arguments> failuresAfterTheImport() {
		return Stream.of(
				Arguments.of("a listener of the prepared context",
						customizer((application) -> application.addListeners(new FailingWhenPrepared()))),
				Arguments.of("a bean factory post-processor", withSource(FailingPostProcessor.class)),
				Arguments.of("a bean of the application", withSource(FailingBean.class)),
				Arguments.of("a bean that needs the provider", withSource(FailingBeanNeedingTheProvider.class)),
				Arguments.of("an application runner", withSource(FailingRunner.class)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failuresAfterTheImport")
	void startupThatFailsAfterTheImportClosesTheImportsProvider(String failurePoint,
			Consumer<SpringApplication> failure) {
		assertThatException().isThrownBy(() -> start(failure, "aws-s3:config/app.properties", SHORT_LIVED))
			.satisfies((ex) -> assertThat(StartupFailures.causes(ex))
				.anyMatch((message) -> message.contains("failed on purpose")));
		assertThat(runs()).as("the import ran the helper").isPositive();
		assertNothingKeepsRunning();
	}

	@Test
	void userProviderBeanNamedLikeTheStartersWinsAndTheImportsProviderClosesWithTheContext() {
		try (ConfigurableApplicationContext context = start(withSource(UserProvider.class),
				"aws-s3:config/app.properties", SHORT_LIVED)) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).containsOnlyKeys("credentialProcessProvider");
			assertThat(((AnnotatedBeanDefinition) context.getBeanFactory().getBeanDefinition("credentialProcessProvider"))
				.getFactoryMethodMetadata()
				.getDeclaringClassName()).isEqualTo(UserProvider.class.getName());
			// The client Spring Cloud AWS built for the import, now a bean, still signs with the
			// provider the import used.
			assertThat(context.getBean(S3Client.class).listObjectsV2((list) -> list.bucket("config")).contents())
				.hasSize(1);
		}
		assertNothingKeepsRunning();
	}

	@Test
	void userAwsCredentialsProviderBeanWinsAndTheImportsProviderIsTheApplicationsProvider() {
		try (ConfigurableApplicationContext context = start(withSource(UserAwsCredentials.class),
				"aws-s3:config/app.properties")) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
			assertThat(context.getBean(AwsCredentialsProvider.class)).isInstanceOf(StaticCredentialsProvider.class);
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).hasSize(1);
			// A provider of its own would run the helper again at startup: the import's is the bean.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs() == 1);
		}
		assertNothingKeepsRunning();
	}

	@Test
	void applicationThatImportsNothingFromAwsBuildsItsProviderAsABean() {
		try (ConfigurableApplicationContext context = start("optional:classpath:nothing.properties")) {
			assertThat(context.getBeanFactory().getBeanDefinition("credentialProcessProvider").getFactoryMethodName())
				.isEqualTo("credentialProcessProvider");
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs() == 1);
			System.out.printf("No config import from AWS: %d process run(s) at startup, %d CredentialProcessProvider "
					+ "bean(s), built by the auto-configuration%n", runs(),
					context.getBeansOfType(CredentialProcessProvider.class).size());
		}
	}

	private ConfigurableApplicationContext start(String configImport, String... arguments) {
		return start((application) -> {
		}, configImport, arguments);
	}

	private ConfigurableApplicationContext start(Consumer<SpringApplication> customizer, String configImport,
			String... arguments) {
		List<String> args = new ArrayList<>(List.of("--spring.config.name=config-import",
				"--test.config-import=" + configImport, "--test.s3-endpoint=" + s3.endpoint(),
				"--test.runs-file=" + helperRuns().file()));
		args.addAll(List.of(arguments));
		return ConfigImportApplication.run(customizer, args);
	}

	private HelperRuns helperRuns() {
		return new HelperRuns(this.folder.resolve("runs"));
	}

	private int runs() {
		return helperRuns().count();
	}

	/** No refresh thread is left, and no helper runs during a period in which a live provider would. */
	private void assertNothingKeepsRunning() {
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
		int runs = runs();
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> runs() == runs);
	}

	private static Consumer<SpringApplication> customizer(Consumer<SpringApplication> customizer) {
		return customizer;
	}

	private static Consumer<SpringApplication> withSource(Class<?> configuration) {
		return (application) -> application.addPrimarySources(List.of(configuration));
	}

	static class FailingWhenPrepared implements ApplicationListener<ApplicationPreparedEvent> {

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			throw new IllegalStateException("Listener failed on purpose");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingPostProcessor {

		@Bean
		static BeanFactoryPostProcessor failingPostProcessor() {
			return (beanFactory) -> {
				throw new IllegalStateException("Post-processor failed on purpose");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingBean {

		@Bean
		Object failingBean() {
			throw new IllegalStateException("Bean failed on purpose");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingBeanNeedingTheProvider {

		@Bean
		Object failingBean(CredentialProcessProvider provider) {
			throw new IllegalStateException("Bean failed on purpose");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingRunner {

		@Bean
		ApplicationRunner failingRunner() {
			return (arguments) -> {
				throw new IllegalStateException("Runner failed on purpose");
			};
		}

	}

	/** A provider of the user's own, under the name the starter gives its one. */
	@Configuration(proxyBeanMethods = false)
	static class UserProvider {

		@Bean
		CredentialProcessProvider credentialProcessProvider(@Value("${test.runs-file}") String runsFile) {
			return CredentialProcessProvider.builder()
				.command(List.of("sh", HelperRuns.COUNTING_HELPER))
				.environment(Map.of("RUNS_FILE", runsFile, "DEMO_LIFETIME_SECONDS", "4"))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAwsCredentials {

		@Bean
		AwsCredentialsProvider userCredentials() {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(S3ConfigBucket.ACCESS_KEY_ID, S3ConfigBucket.SECRET_ACCESS_KEY));
		}

	}

}
