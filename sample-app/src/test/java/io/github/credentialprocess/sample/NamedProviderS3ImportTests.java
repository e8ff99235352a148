package io.github.credentialprocess.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.credentialprocess.CredentialProcessProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named provider and the config import: {@code aws.credential-process.clients.s3} reaches the S3
 * client that Spring Cloud AWS builds in the bootstrap phase, and the provider built there for the
 * import is the application's {@code storage} provider. The S3 server knows only the secret the
 * {@code storage} helper prints; the default helper prints another.
 */
class NamedProviderS3ImportTests {

	@RegisterExtension
	static final S3ConfigBucket s3 = new S3ConfigBucket();

	@TempDir
	Path folder;

	@Test
	void importOfAClientMappedToANamedProviderSignsAsThatProviderWhichIsTheApplicationsBean() {
		try (ConfigurableApplicationContext context = start("--test.helper-secret=a-secret-the-s3-server-does-not-know",
				"--aws.credential-process.clients.s3=storage")) {
			assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello from S3");
			// The import's S3 client, now a bean, signs as storage too.
			assertThat(context.getBean(S3Client.class).listObjectsV2((list) -> list.bucket("config")).contents())
				.hasSize(1);
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).containsOnlyKeys(
					"credentialProcessProvider", "storageCredentialProcessProvider");
			// A provider of its own would run the storage helper again at startup: the import's is the bean.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs("storage") == 1);
			assertThat(context.getBean("storageCredentialProcessProvider", CredentialProcessProvider.class)
				.status()
				.lastRun()).isPresent();
		}
	}

	@Test
	void runsOfANamedProviderAreNeverCountedAsTheImportsDefaultProvider() {
		try (ConfigurableApplicationContext context = start()) {
			CredentialProcessProvider storage = context.getBean("storageCredentialProcessProvider",
					CredentialProcessProvider.class);
			storage.refresh();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("aws.credential.process").tag("provider", "storage").timers().stream()
					.mapToLong(Timer::count)
					.sum() == runs("storage"));
			// The default ran once, for the import, before the application's listeners existed; it is
			// not timed afterwards, and the storage provider's runs are not its runs.
			assertThat(runs("default")).isEqualTo(1);
			assertThat(registry.find("aws.credential.process").tag("provider", "default").timers()).isEmpty();
		}
	}

	@Test
	void aProviderThatAnImportClientBuildsAsTheBootstrapPhaseEndsIsStillTheApplicationsBean() {
		// Nothing under the optional location loads: Spring Cloud AWS builds its S3 client only when it
		// hands it to the context, after the starter's hand-over has looked for a built provider.
		try (ConfigurableApplicationContext context = startImporting("optional:aws-s3:",
				"--aws.credential-process.clients.s3=storage")) {
			S3Client importsClient = context.getBean("configDataS3Client", S3Client.class);
			assertThat(((AwsServiceClientConfiguration) importsClient.serviceClientConfiguration()).credentialsProvider())
				.isSameAs(context.getBean("storageCredentialProcessAwsCredentialsProvider"));
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs("storage") == 1);
		}
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	private ConfigurableApplicationContext start(String... arguments) {
		return startImporting("aws-s3:config/app.properties", arguments);
	}

	private ConfigurableApplicationContext startImporting(String configImport, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--spring.config.name=config-import",
				"--test.config-import=" + configImport, "--test.s3-endpoint=" + s3.endpoint(),
				"--test.runs-file=" + runsFile("default"), "--aws.credential-process.min-refresh-interval=0s",
				"--aws.credential-process.providers.storage.argv[0]=sh",
				"--aws.credential-process.providers.storage.argv[1]=" + HelperRuns.COUNTING_HELPER,
				"--aws.credential-process.providers.storage.min-refresh-interval=0s",
				"--aws.credential-process.providers.storage.environment.RUNS_FILE=" + runsFile("storage")));
		args.addAll(List.of(arguments));
		return ConfigImportApplication.run((application) -> {
		}, args);
	}

	private Path runsFile(String provider) {
		return this.folder.resolve(provider + "-runs");
	}

	private int runs(String provider) {
		return new HelperRuns(runsFile(provider)).count();
	}

}
