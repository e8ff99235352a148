package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.awspring.cloud.autoconfigure.config.parameterstore.SsmClientCustomizer;
import io.github.credentialprocess.CredentialProcessProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The config imports from Parameter Store and Secrets Manager sign with the named provider
 * {@code config} that {@code aws.credential-process.clients.parameter-store} and
 * {@code clients.secrets-manager} map to them, in the bootstrap phase. The default provider prints
 * an access key id the server does not know, so only the mapped provider's identity can read; the
 * provider the imports used is the context's {@code configCredentialProcessProvider}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamedProviderImportTests {

	@RegisterExtension
	static final ImportedConfiguration configuration = new ImportedConfiguration();

	@TempDir
	Path folder;

	@Test
	void importLoadsTheParametersAndTheSecretSignedWithTheMappedProvidersCredentials() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.SECRET_ACCESS_KEY)) {
			ImportedConfiguration.assertImported(context.getEnvironment());
		}
	}

	@Test
	void clientsTheImportBuiltAreBeansThatStillSignWithTheMappedProvidersCredentials() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.SECRET_ACCESS_KEY)) {
			ImportedConfiguration.assertImportClientsStillRead(context);
		}
	}

	@Test
	void eachProviderRanOnceAtStartupAndTheMappedOneIsTheContextsNamedProvider() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.SECRET_ACCESS_KEY)) {
			assertThat(context.getBeansOfType(CredentialProcessProvider.class))
				.containsOnlyKeys("credentialProcessProvider", "configCredentialProcessProvider");
			CredentialProcessProvider named = BeanFactoryAnnotationUtils
				.qualifiedBeanOfType(context.getBeanFactory(), CredentialProcessProvider.class, "config");
			assertThat(named).isSameAs(context.getBean("configCredentialProcessProvider"));
			// One run each: the import's for the mapped provider, the startup run for the default. A
			// provider of the context's own in place of the import's would have run the helper again.
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(10))
				.until(() -> runs().count() == 1 && defaultRuns().count() == 1);
			assertThat(named.status().lastRun())
				.hasValueSatisfying((run) -> assertThat(run.trigger().label()).isEqualTo("on-demand"));
			// The identity the server knows (AKIAJSONIMPORTEXAMP1), not the default provider's.
			assertThat(named.status().maskedAccessKeyId()).hasValue("****AMP1");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			aws-parameterstore:/config/app/ | Could not import properties from AWS Parameter Store
			aws-secretsmanager:app-secret   | Could not import properties from AWS Secrets Manager
			""")
	void mappedHelperWithAWrongSecretMakesTheImportFailWithTheSignatureError(String configImport,
			String description, CapturedOutput output) {
		// Signed with the mapped provider's access key id, which the server knows, and a wrong secret.
		configuration.assertStartupFailsOnAWrongSignature(() -> start(configImport, "a-wrong-secret-access-key"),
				description, output);
		assertThat(runs().count()).isEqualTo(1);
		assertThat(defaultRuns().count()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void importSignsWithTheMappedProviderWhenThereIsNoDefaultProvider() {
		// Spring Cloud AWS's own credentials are then static ones the server does not know.
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.BOTH,
				ImportedConfiguration.SECRET_ACCESS_KEY, "--aws.credential-process.command=",
				"--spring.cloud.aws.credentials.access-key=" + ImportedConfiguration.UNKNOWN_ACCESS_KEY_ID,
				"--spring.cloud.aws.credentials.secret-key=a-secret-access-key-the-server-does-not-know")) {
			ImportedConfiguration.assertImported(context.getEnvironment());
			assertThat(context.getBeansOfType(CredentialProcessProvider.class))
				.containsOnlyKeys("configCredentialProcessProvider");
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs().count() == 1);
			assertThat(defaultRuns().count()).isZero();
		}
	}

	@Test
	void aCustomizerOfTheApplicationsInTheBootstrapRegistryForAMappedClientStopsTheStartupSayingSo() {
		SsmClientCustomizer users = (builder) -> {
		};
		assertThatException()
			.isThrownBy(() -> start((application) -> application.addBootstrapRegistryInitializer(
					(registry) -> registry.register(SsmClientCustomizer.class, InstanceSupplier.of(users))),
					ImportedConfiguration.PARAMETER_STORE, ImportedConfiguration.SECRET_ACCESS_KEY))
			.withStackTraceContaining("aws.credential-process.clients.parameter-store maps the configuration import's "
					+ "parameter-store client to the provider 'config', but the bootstrap registry already holds a "
					+ "SsmClientCustomizer");
		assertThat(runs().count()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void aMappingSetOnlyInAProfilesOwnFileStopsTheStartupInsteadOfSigningAsTheDefault() throws IOException {
		// Both identities are ones the server knows, as two real roles would be: the import succeeds
		// as the default provider, which is not what the complete configuration says.
		Path files = Files.createDirectories(this.folder.resolve("config"));
		String main = Files.readString(Path.of("src/test/resources/named-provider-import.yml"))
			.replace("DEMO_ACCESS_KEY_ID: ${test.unknown-access-key-id}",
					"DEMO_ACCESS_KEY_ID: ${test.access-key-id}\n      DEMO_SECRET_ACCESS_KEY: ${test.helper-secret}");
		Files.writeString(files.resolve("named-provider-import.yml"), main.substring(0, main.indexOf("    clients:")));
		Files.writeString(files.resolve("named-provider-import-prod.yml"),
				"aws:\n  credential-process:\n    clients:\n      parameter-store: config\n");
		assertThatException()
			.isThrownBy(() -> start((application) -> {
			}, ImportedConfiguration.PARAMETER_STORE, ImportedConfiguration.SECRET_ACCESS_KEY,
					"--spring.config.location=file:" + files + "/", "--spring.profiles.active=prod"))
			.withStackTraceContaining("the configuration import's parameter-store client signed as the provider "
					+ "'default', but aws.credential-process.clients.parameter-store is 'config' once every "
					+ "configuration file is read");
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void aSettingOfTheMappedProviderChangedInAProfilesOwnFileStopsTheStartupNamingItButNotItsValue()
			throws IOException {
		Path files = configFiles(mainFile(), "aws:\n  credential-process:\n    providers:\n      config:\n"
				+ "        command: sh src/test/resources/io/github/credentialprocess/sample/counting-helper.sh "
				+ "prod-only-argument\n");
		assertThatException()
			.isThrownBy(() -> startWithProfile(ImportedConfiguration.PARAMETER_STORE, files))
			.withStackTraceContaining("the configuration import's parameter-store client signed as the provider "
					+ "'config' with aws.credential-process.providers.config.command as read when the import was met, "
					+ "but aws.credential-process.providers.config.command is different once every configuration "
					+ "file is read")
			.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain("prod-only-argument"));
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void theDefaultProvidersCommandChangedInAProfilesOwnFileStopsTheStartupInsteadOfRunningTheEarlierOne()
			throws IOException {
		// The default provider signs the import (no mapping) with an identity the server knows; the
		// profile's file then names another command, which the application would not have run.
		String main = mainFile().replace("DEMO_ACCESS_KEY_ID: ${test.unknown-access-key-id}",
				"DEMO_ACCESS_KEY_ID: ${test.access-key-id}\n      DEMO_SECRET_ACCESS_KEY: ${test.helper-secret}");
		Path files = configFiles(main.substring(0, main.indexOf("    providers:")),
				"aws:\n  credential-process:\n    command: sh src/test/resources/io/github/credentialprocess/sample/"
						+ "counting-helper.sh --profile prod-only-argument\n");
		assertThatException().isThrownBy(() -> startWithProfile(ImportedConfiguration.PARAMETER_STORE, files))
			.withStackTraceContaining("the configuration import's parameter-store client signed as the provider "
					+ "'default' with aws.credential-process.command as read when the import was met")
			.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain("prod-only-argument"));
		assertThat(defaultRuns().count()).isOne();
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void aProviderConfiguredOnlyInAProfilesOwnFileStopsTheStartupInsteadOfLeavingTheImportSignedBySpringCloudAws()
			throws IOException {
		// Spring Cloud AWS's own credentials are static ones the server knows, as an instance role
		// would be: the import succeeds as that identity, which is not what the complete configuration says.
		String main = mainFile();
		int aws = main.indexOf("\naws:\n") + 1;
		Path files = configFiles(main.substring(0, aws), main.substring(aws).replace("DEMO_ACCESS_KEY_ID: ${test.unknown-access-key-id}",
						"DEMO_ACCESS_KEY_ID: ${test.access-key-id}\n      DEMO_SECRET_ACCESS_KEY: ${test.helper-secret}"));
		assertThatException()
			.isThrownBy(() -> startWithProfile(ImportedConfiguration.PARAMETER_STORE, files,
					"--spring.cloud.aws.credentials.access-key=" + ImportedConfiguration.ACCESS_KEY_ID,
					"--spring.cloud.aws.credentials.secret-key=" + ImportedConfiguration.SECRET_ACCESS_KEY))
			.withStackTraceContaining("the configuration import's parameter-store client signed with Spring Cloud "
					+ "AWS's own credentials, but once every configuration file is read it signs with the provider "
					+ "'config'");
		assertThat(runs().count()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	@Test
	void aSettingThatCannotChangeTheIdentityInAProfilesOwnFileIsWarnedAboutNotRefused(CapturedOutput output)
			throws IOException {
		Path files = configFiles(mainFile(),
				"aws:\n  credential-process:\n    providers:\n      config:\n        timeout: 30s\n        fail-fast: true\n");
		try (ConfigurableApplicationContext context = startWithProfile(ImportedConfiguration.BOTH, files)) {
			ImportedConfiguration.assertImported(context.getEnvironment());
		}
		assertThat(output).contains("built the provider 'config' with aws.credential-process.providers.config.timeout "
				+ "as read when the import was met")
			.contains("with aws.credential-process.providers.config.fail-fast as read");
	}

	@Test
	void aProviderTheImportDoesNotUseMayStillBeConfiguredInAProfilesOwnFile() throws IOException {
		Path files = configFiles(mainFile(), "aws:\n  credential-process:\n    providers:\n      audit:\n"
				+ "        command: sh src/test/resources/io/github/credentialprocess/sample/counting-helper.sh\n"
				+ "        environment:\n          RUNS_FILE: /dev/null\n");
		try (ConfigurableApplicationContext context = startWithProfile(ImportedConfiguration.BOTH, files)) {
			ImportedConfiguration.assertImported(context.getEnvironment());
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).containsKey("auditCredentialProcessProvider");
		}
	}

	/** The test's main configuration file, as the other tests use it. */
	private static String mainFile() throws IOException {
		return Files.readString(Path.of("src/test/resources/named-provider-import.yml"));
	}

	/** A folder with the main configuration file and the {@code prod} profile's own. */
	private Path configFiles(String main, String prod) throws IOException {
		Path files = Files.createDirectories(this.folder.resolve("config"));
		Files.writeString(files.resolve("named-provider-import.yml"), main);
		Files.writeString(files.resolve("named-provider-import-prod.yml"), prod);
		return files;
	}

	private ConfigurableApplicationContext startWithProfile(String configImport, Path files, String... arguments) {
		List<String> args = new ArrayList<>(
				List.of("--spring.config.location=file:" + files + "/", "--spring.profiles.active=prod"));
		args.addAll(List.of(arguments));
		return start(configImport, ImportedConfiguration.SECRET_ACCESS_KEY, args.toArray(String[]::new));
	}

	private static String stackTrace(Throwable thrown) {
		java.io.StringWriter written = new java.io.StringWriter();
		thrown.printStackTrace(new java.io.PrintWriter(written));
		return written.toString();
	}

	private ConfigurableApplicationContext start(String helperSecret) {
		return start(ImportedConfiguration.BOTH, helperSecret);
	}

	private ConfigurableApplicationContext start(String configImport, String helperSecret, String... arguments) {
		return start((application) -> {
		}, configImport, helperSecret, arguments);
	}

	private ConfigurableApplicationContext start(Consumer<SpringApplication> customizer, String configImport,
			String helperSecret, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--spring.config.name=named-provider-import",
				"--test.config-import=" + configImport, "--test.aws-json-endpoint=" + configuration.endpoint(),
				"--test.runs-file=" + runs().file(), "--test.default-runs-file=" + defaultRuns().file(),
				"--test.access-key-id=" + ImportedConfiguration.ACCESS_KEY_ID,
				"--test.unknown-access-key-id=" + ImportedConfiguration.UNKNOWN_ACCESS_KEY_ID,
				"--test.helper-secret=" + helperSecret));
		args.addAll(List.of(arguments));
		return ConfigImportApplication.run(customizer, args);
	}

	/** The runs of the named provider {@code config}'s helper. */
	private HelperRuns runs() {
		return new HelperRuns(this.folder.resolve("config-runs"));
	}

	/** The runs of the default provider's helper. */
	private HelperRuns defaultRuns() {
		return new HelperRuns(this.folder.resolve("default-runs"));
	}

}
