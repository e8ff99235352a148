package io.github.credentialprocess.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.credentialprocess.CredentialProcessProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud AWS's config imports from Parameter Store ({@code aws-parameterstore:}) and Secrets
 * Manager ({@code aws-secretsmanager:}) sign with the default provider's process credentials, in the
 * bootstrap phase: the credential process is the only source of credentials, and the server checks
 * every signature. The provider built for the imports is the application's one provider.
 */
@ExtendWith(OutputCaptureExtension.class)
class ParameterStoreAndSecretsManagerImportTests {

	@RegisterExtension
	static final ImportedConfiguration configuration = new ImportedConfiguration();

	@TempDir
	Path folder;

	@Test
	void importLoadsTheParametersAndTheSecretSignedWithTheProcessCredentials() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.BOTH)) {
			ImportedConfiguration.assertImported(context.getEnvironment());
		}
	}

	@Test
	void clientsTheImportBuiltAreBeansThatStillSignWithTheProcessCredentials() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.BOTH)) {
			ImportedConfiguration.assertImportClientsStillRead(context);
		}
	}

	@Test
	void helperRanOnceAtStartupForBothImportsAndTheContextHasOneProvider() {
		try (ConfigurableApplicationContext context = start(ImportedConfiguration.BOTH)) {
			assertThat(context.getBeansOfType(CredentialProcessProvider.class)).hasSize(1);
			// The startup run after every bean exists finds the import's credentials valid and runs nothing.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> runs().count() == 1);
			assertThat(context.getBean(CredentialProcessProvider.class).status().lastRun())
				.hasValueSatisfying((run) -> assertThat(run.trigger().label()).isEqualTo("on-demand"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			aws-parameterstore:/config/app/ | Could not import properties from AWS Parameter Store
			aws-secretsmanager:app-secret   | Could not import properties from AWS Secrets Manager
			""")
	void helperWithAWrongSecretMakesTheImportFailWithTheSignatureError(String configImport, String description,
			CapturedOutput output) {
		configuration.assertStartupFailsOnAWrongSignature(() -> start(configImport, "a-wrong-secret-access-key"),
				description, output);
		assertThat(runs().count()).isEqualTo(1);
		// Nothing took over the provider the import built: the failed startup closed it.
		await().atMost(Duration.ofSeconds(10)).until(RefreshThreads::noneLeft);
	}

	private ConfigurableApplicationContext start(String configImport) {
		return start(configImport, ImportedConfiguration.SECRET_ACCESS_KEY);
	}

	private ConfigurableApplicationContext start(String configImport, String helperSecret) {
		return ConfigImportApplication.run((application) -> {
		}, List.of("--spring.config.name=parameter-store-secrets-manager-import", "--test.config-import=" + configImport,
				"--test.aws-json-endpoint=" + configuration.endpoint(), "--test.runs-file=" + runs().file(),
				"--test.access-key-id=" + ImportedConfiguration.ACCESS_KEY_ID, "--test.helper-secret=" + helperSecret));
	}

	private HelperRuns runs() {
		return new HelperRuns(this.folder.resolve("runs"));
	}

}
