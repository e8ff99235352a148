package io.github.credentialprocess.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.health.CredentialProcessHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
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

	private static final String ACCESS_KEY_ID = "AKIADEMOEXAMPLE00001";

	private static final String SECRET_ACCESS_KEY = "demo-secret-access-key-for-the-embedded-s3";

	private static final String COUNTING_HELPER = "src/test/resources/io/github/credentialprocess/sample/counting-helper.sh";

	private static EmbeddedS3Server s3;

	@TempDir
	Path folder;

	@BeforeAll
	static void startS3WithAPropertiesFile() throws Exception {
		s3 = new EmbeddedS3Server(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
		try (S3Client admin = S3Client.builder()
			.endpointOverride(s3.endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
			.build()) {
			admin.createBucket((bucket) -> bucket.bucket("config"));
			admin.putObject((object) -> object.bucket("config").key("app.properties").contentType("text/plain"),
					RequestBody.fromString("greeting=hello from S3\n"));
		}
	}

	@AfterAll
	static void stopS3() throws Exception {
		s3.destroy();
	}

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
			assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo(ACCESS_KEY_ID);
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
		await().atMost(Duration.ofSeconds(10)).until(ConfigImportTests::noRefreshThreadIsLeft);
	}

	@Test
	void helperWithAWrongSecretMakesTheImportFailWithTheSignatureError() {
		assertThatException()
			.isThrownBy(() -> start("aws-s3:config/app.properties", "--test.helper-secret=a-wrong-secret-access-key"))
			.satisfies((ex) -> assertThat(causes(ex))
				.anyMatch((message) -> message.contains("signature we calculated does not match")
						&& message.contains("Status Code: 403")));
		assertThat(runs()).isEqualTo(1);
		// Nothing took over the provider the import built: the failed startup closed it.
		await().atMost(Duration.ofSeconds(10)).until(ConfigImportTests::noRefreshThreadIsLeft);
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
		assertThat(output).contains("Invalid credential process configuration: aws.credential-process.timeout is PT0S")
			.contains("Set aws.credential-process.timeout to a positive duration");
		assertThat(runs()).isZero();
	}

	@Test
	void startupLineAndWritableFileWarningOfTheImportsProviderAreLoggedOnceLoggingWorks(CapturedOutput output)
			throws IOException {
		// Built while Boot's logging drops every event: what it logged then must not be lost.
		Path helper = Files.copy(Path.of(COUNTING_HELPER), this.folder.resolve("counting-helper.sh"));
		Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxrw-rw-"));
		try (ConfigurableApplicationContext context = start("aws-s3:config/app.properties",
				"--aws.credential-process.argv[0]=sh", "--aws.credential-process.argv[1]=" + helper)) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
		}
		assertThat(output.getOut().split("AWS credentials come from the credential process 'sh'", -1)).hasSize(2);
		assertThat(output.getOut().split("credential process script " + helper + " is writable by group or others", -1))
			.hasSize(2);
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
		SpringApplication application = new SpringApplication(ConfigImportApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(List.of("--spring.config.name=config-import",
				"--test.config-import=" + configImport, "--test.s3-endpoint=" + s3.endpoint(),
				"--test.runs-file=" + runsFile()));
		args.addAll(List.of(arguments));
		return application.run(args.toArray(String[]::new));
	}

	private Path runsFile() {
		return this.folder.resolve("runs");
	}

	private int runs() {
		try {
			return Files.exists(runsFile()) ? Files.readAllLines(runsFile()).size() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean noRefreshThreadIsLeft() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((thread) -> thread.isAlive() && thread.getName().equals("credential-process-refresh"));
	}

	private static List<String> causes(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

	/**
	 * An application of nothing but auto-configuration: the starter, Spring Cloud AWS, actuator. Not
	 * a {@code @SpringBootConfiguration}, so that the sample's own tests still find theirs.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ConfigImportApplication {

	}

}
