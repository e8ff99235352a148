package io.github.credentialprocess.sample;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.credentialprocess.sample.awsjson.AwsJsonServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What the Parameter Store and Secrets Manager import tests read: a signature-checking server,
 * started for the test class that registers this ({@code @RegisterExtension}), that knows one
 * identity and holds parameters under {@code /config/app/} (one nested, one a {@code SecureString},
 * more than a page of them) and the secret {@code app-secret}; the properties the
 * {@code Environment} has once they are imported; and how a refused signature shows.
 */
final class ImportedConfiguration implements BeforeAllCallback, AfterAllCallback {

	/** The access key id of the server's one identity. */
	static final String ACCESS_KEY_ID = "AKIAJSONIMPORTEXAMP1";

	/** The secret access key of the server's one identity. */
	static final String SECRET_ACCESS_KEY = "json-import-secret-access-key";

	/** An access key id the server does not know. */
	static final String UNKNOWN_ACCESS_KEY_ID = "AKIANOTKNOWNEXAMPLE1";

	static final String PARAMETER_STORE = "aws-parameterstore:/config/app/";

	static final String SECRETS_MANAGER = "aws-secretsmanager:app-secret";

	static final String BOTH = PARAMETER_STORE + "," + SECRETS_MANAGER;

	/** One more than the parameters of a page: the import must ask for the next one. */
	private static final int PAGED_PARAMETERS = 11;

	private AwsJsonServer server;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.server = AwsJsonServer.start(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
		this.server.parameterStore().putString("/config/app/greeting", "hello from Parameter Store");
		this.server.parameterStore().putString("/config/app/db/url", "jdbc:postgresql://db.example/app");
		this.server.parameterStore().putSecureString("/config/app/db/password", "decrypted-db-password");
		this.server.parameterStore().putString("/config/other/greeting", "not imported");
		IntStream.range(0, PAGED_PARAMETERS)
			.forEach((i) -> this.server.parameterStore()
				.putString("/config/app/pages/p%02d".formatted(i), "page value " + i));
		this.server.secretsManager()
			.putSecretString("app-secret", "{\"api.token\":\"the-api-token\",\"api.user\":\"the-api-user\"}");
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.server.close();
	}

	/**
	 * The server's endpoint, for {@code spring.cloud.aws.parameterstore.endpoint} and
	 * {@code spring.cloud.aws.secretsmanager.endpoint}.
	 * @return the endpoint
	 */
	URI endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Asserts that a startup fails because the server refused the signature of its one request,
	 * made with a wrong secret for the access key id it knows: the AWS SDK's exception among the
	 * causes, Spring Cloud AWS's failure analysis in the output.
	 * @param startup starts the application
	 * @param description the start of the failure analysis's description
	 * @param output the captured output
	 */
	void assertStartupFailsOnAWrongSignature(ThrowingCallable startup, String description, CapturedOutput output) {
		int before = this.server.rejections().size();
		assertThatException().isThrownBy(startup)
			.satisfies((ex) -> assertThat(StartupFailures.causes(ex))
				.anyMatch((message) -> message.contains("The request signature we calculated does not match")
						&& message.contains("Status Code: 400")));
		assertThat(output).contains(description);
		List<String> rejections = this.server.rejections();
		assertThat(rejections.subList(before, rejections.size())).containsExactly("InvalidSignatureException");
	}

	/**
	 * Asserts that the {@code Environment} has the properties of both imports: from Parameter Store
	 * each parameter under the path, named below it with dots for slashes; from Secrets Manager the
	 * keys of the secret's JSON.
	 * @param environment the application's environment
	 */
	static void assertImported(Environment environment) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("greeting", "hello from Parameter Store");
		properties.put("db.url", "jdbc:postgresql://db.example/app");
		properties.put("db.password", "decrypted-db-password");
		IntStream.range(0, PAGED_PARAMETERS)
			.forEach((i) -> properties.put("pages.p%02d".formatted(i), "page value " + i));
		properties.put("api.token", "the-api-token");
		properties.put("api.user", "the-api-user");
		properties.forEach((name, value) -> assertThat(environment.getProperty(name)).as(name).isEqualTo(value));
		assertThat(environment.getProperty("other.greeting")).isNull();
	}

	/**
	 * Asserts that the clients Spring Cloud AWS built for the imports, beans of the context now, still
	 * read from the server: they sign with the credentials the imports signed with.
	 * @param context the application's context
	 */
	static void assertImportClientsStillRead(ApplicationContext context) {
		assertThat(context.getBean(SsmClient.class)
			.getParameter((get) -> get.name("/config/app/greeting"))
			.parameter()
			.value()).isEqualTo("hello from Parameter Store");
		assertThat(context.getBean(SecretsManagerClient.class).getSecretValue((get) -> get.secretId("app-secret")).name())
			.isEqualTo("app-secret");
	}

}
