package io.github.credentialprocess.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A credential process that returns the right access key id with a wrong secret: the embedded S3
 * server checks the signature and refuses, and health tells the truth about the credentials it has.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "aws.credential-process.environment.DEMO_SECRET_ACCESS_KEY=a-wrong-secret-access-key")
class WrongSecretTests {

	@LocalServerPort
	int port;

	@Test
	void s3RefusesTheSignatureWith403() {
		SampleClient client = new SampleClient(this.port);
		SampleClient.Response response = client.put("/buckets/refused", "");
		assertThat(response.status()).isEqualTo(403);
		assertThat(client.json(response).path("error").asString()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void healthShowsValidCredentialsFromASuccessfulRun() {
		SampleClient client = new SampleClient(this.port);
		// UNKNOWN until the first run, started in the background at startup, has ended.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.health().path("status").asString()).isEqualTo("UP"));
		assertThat(client.health().path("details").path("lastRun").path("outcome").asString()).isEqualTo("success");
	}

}
