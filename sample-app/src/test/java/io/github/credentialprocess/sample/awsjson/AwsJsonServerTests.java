package io.github.credentialprocess.sample.awsjson;

import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link AwsJsonServer} answers the AWS SDK's own Parameter Store and Secrets Manager clients as
 * the services do, and only when the request is signed with a secret it knows.
 */
class AwsJsonServerTests {

	private static final String ACCESS_KEY_ID = "AKIAAWSJSONEXAMPLE01";

	private static final String SECRET_ACCESS_KEY = "aws-json-server-test-secret-access-key";

	private static final String SESSION_ACCESS_KEY_ID = "ASIAAWSJSONEXAMPLE02";

	private static final String SESSION_SECRET_ACCESS_KEY = "aws-json-server-test-session-secret-key";

	private static final String SESSION_TOKEN = "aws-json-server-test-session-token";

	private static AwsJsonServer server;

	@BeforeAll
	static void startServer() throws Exception {
		server = AwsJsonServer.start(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY),
				AwsSessionCredentialsIdentity.create(SESSION_ACCESS_KEY_ID, SESSION_SECRET_ACCESS_KEY, SESSION_TOKEN));
		server.parameterStore().putString("/config/app/greeting", "hello");
		server.parameterStore().putSecureString("/config/app/db/password", "the-database-password");
		server.parameterStore().putString("/config/other/greeting", "not under /config/app/");
		IntStream.range(0, ParameterStoreService.PAGE_SIZE + 2)
			.forEach((i) -> server.parameterStore().putString("/paged/p%02d".formatted(i), "value " + i));
		server.secretsManager().putSecretString("app-secret", "{\"api.token\":\"the-api-token\"}");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void requestSignedWithTheKnownSecretGetsTheParametersUnderThePathRecursivelyAndDecrypted() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			assertThat(ssm.getParametersByPath((get) -> get.path("/config/app/").recursive(true).withDecryption(true))
				.parameters()).extracting(Parameter::name, Parameter::value)
				.containsExactly(tuple("/config/app/db/password", "the-database-password"),
						tuple("/config/app/greeting", "hello"));
		}
	}

	@Test
	void requestWithoutRecursionGetsOnlyTheParametersDirectlyUnderThePath() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			assertThat(ssm.getParametersByPath((get) -> get.path("/config/app").withDecryption(true)).parameters())
				.extracting(Parameter::name)
				.containsExactly("/config/app/greeting");
		}
	}

	@Test
	void secureStringIsAnsweredEncryptedWithoutDecryption() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			assertThat(ssm.getParameter((get) -> get.name("/config/app/db/password")).parameter().value())
				.isNotEqualTo("the-database-password");
		}
	}

	@Test
	void parametersComePageByPageWithANextToken() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			var firstPage = ssm.getParametersByPath((get) -> get.path("/paged"));
			assertThat(firstPage.parameters()).hasSize(ParameterStoreService.PAGE_SIZE);
			assertThat(firstPage.nextToken()).isNotNull();
			assertThat(ssm.getParametersByPathPaginator((get) -> get.path("/paged"))
				.stream()
				.flatMap((page) -> page.parameters().stream()))
				.extracting(Parameter::name)
				.hasSize(ParameterStoreService.PAGE_SIZE + 2)
				.doesNotHaveDuplicates()
				.isSorted();
		}
	}

	@Test
	void missingParameterIsParameterNotFound() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			assertThatExceptionOfType(ParameterNotFoundException.class)
				.isThrownBy(() -> ssm.getParameter((get) -> get.name("/config/app/missing")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
		}
	}

	@Test
	void requestSignedWithTheKnownSecretGetsTheSecretValue() {
		try (SecretsManagerClient secrets = secretsManager(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			var secret = secrets.getSecretValue((get) -> get.secretId("app-secret"));
			assertThat(secret.name()).isEqualTo("app-secret");
			assertThat(secret.secretString()).isEqualTo("{\"api.token\":\"the-api-token\"}");
			assertThat(secrets.getSecretValue((get) -> get.secretId(secret.arn())).versionId())
				.isEqualTo(secret.versionId());
		}
	}

	@Test
	void missingSecretIsResourceNotFound() {
		try (SecretsManagerClient secrets = secretsManager(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
			assertThatExceptionOfType(ResourceNotFoundException.class)
				.isThrownBy(() -> secrets.getSecretValue((get) -> get.secretId("missing")))
				.withMessageContaining("Secrets Manager can't find the specified secret.");
		}
	}

	@Test
	void parameterRequestSignedWithAWrongSecretIsInvalidSignature() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create(ACCESS_KEY_ID, "a-wrong-secret-access-key"))) {
			assertRefused(() -> ssm.getParametersByPath((get) -> get.path("/config/app/")), "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided");
		}
	}

	@Test
	void secretRequestSignedWithAWrongSecretIsInvalidSignature() {
		try (SecretsManagerClient secrets = secretsManager(
				AwsBasicCredentials.create(ACCESS_KEY_ID, "a-wrong-secret-access-key"))) {
			assertRefused(() -> secrets.getSecretValue((get) -> get.secretId("app-secret")), "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided");
		}
	}

	@Test
	void parameterRequestWithAnUnknownAccessKeyIsUnrecognizedClient() {
		try (SsmClient ssm = ssm(AwsBasicCredentials.create("AKIAUNKNOWNEXAMPLE03", SECRET_ACCESS_KEY))) {
			assertRefused(() -> ssm.getParametersByPath((get) -> get.path("/config/app/")), "UnrecognizedClientException",
					"The security token included in the request is invalid.");
		}
	}

	@Test
	void secretRequestWithAnUnknownAccessKeyIsUnrecognizedClient() {
		try (SecretsManagerClient secrets = secretsManager(
				AwsBasicCredentials.create("AKIAUNKNOWNEXAMPLE03", SECRET_ACCESS_KEY))) {
			assertRefused(() -> secrets.getSecretValue((get) -> get.secretId("app-secret")),
					"UnrecognizedClientException", "The security token included in the request is invalid.");
		}
	}

	@Test
	void requestWithTheKnownSessionTokenIsAnswered() {
		try (SsmClient ssm = ssm(AwsSessionCredentials.create(SESSION_ACCESS_KEY_ID, SESSION_SECRET_ACCESS_KEY,
				SESSION_TOKEN))) {
			assertThat(ssm.getParameter((get) -> get.name("/config/app/greeting")).parameter().value()).isEqualTo("hello");
		}
	}

	@Test
	void requestWithAnotherSessionTokenThanTheKnownOneIsUnrecognizedClient() {
		try (SsmClient ssm = ssm(AwsSessionCredentials.create(SESSION_ACCESS_KEY_ID, SESSION_SECRET_ACCESS_KEY,
				"another-session-token"))) {
			assertRefused(() -> ssm.getParameter((get) -> get.name("/config/app/greeting")),
					"UnrecognizedClientException", "The security token included in the request is invalid.");
		}
	}

	@Test
	void requestSignedForAnotherServiceIsInvalidSignature() {
		// A Secrets Manager client signs for "secretsmanager" (after this interceptor ran); sent to
		// Parameter Store's target it cannot match a signature made again for "ssm".
		try (SecretsManagerClient secrets = SecretsManagerClient.builder()
			.endpointOverride(server.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
			.overrideConfiguration((override) -> override.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
						ExecutionAttributes attributes) {
					return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "AmazonSSM.GetParameter").build();
				}
			}))
			.build()) {
			assertRefused(() -> secrets.getSecretValue((get) -> get.secretId("app-secret")), "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided");
		}
	}

	private static void assertRefused(Runnable request, String errorCode, String message) {
		int before = server.rejections().size();
		assertThatExceptionOfType(AwsServiceException.class).isThrownBy(request::run).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
			assertThat(ex.awsErrorDetails().errorMessage()).contains(message);
		});
		// Refused once: the SDK does not retry a signature error when the server's clock agrees.
		assertThat(server.rejections().subList(before, server.rejections().size())).containsExactly(errorCode);
	}

	private static SsmClient ssm(AwsCredentials credentials) {
		return SsmClient.builder()
			.endpointOverride(server.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

	private static SecretsManagerClient secretsManager(AwsCredentials credentials) {
		return SecretsManagerClient.builder()
			.endpointOverride(server.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

}
