package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The credential process starts failing after its first success: the application keeps working on
 * the cached credentials, reports the trouble, goes DOWN only once they expire, and recovers by
 * itself when the process does.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aws.credential-process.environment.DEMO_LIFETIME_SECONDS=8",
				"aws.credential-process.expiry-window=6s" })
class ProcessFailureRecoveryTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Path folder = createFolder();

	private static final Path failSwitch = folder.resolve("fail");

	@DynamicPropertySource
	static void failingProcess(DynamicPropertyRegistry registry) throws IOException {
		Path demo = Path.of("credential-process-demo.sh").toAbsolutePath();
		Path wrapper = folder.resolve("flaky-process.sh");
		Files.writeString(wrapper, "#!/bin/sh\nif [ -f '" + failSwitch + "' ]; then echo 'identity service unavailable' >&2; exit 1; fi\n"
				+ "exec sh '" + demo + "'\n");
		Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
		registry.add("aws.credential-process.command", wrapper::toString);
	}

	@LocalServerPort
	int port;

	@Test
	void callsSurviveUntilExpiryThenFailWithTheErrorCodeAndRecoverWithoutARestart() throws IOException {
		SampleClient client = new SampleClient(this.port);
		assertThat(client.put("/buckets/flaky", "").ok()).isTrue();

		Files.writeString(failSwitch, "on");
		await().atMost(WAIT).until(() -> client.health().path("details").path("consecutiveFailures").asInt() >= 1);
		assertThat(client.health().path("status").asString()).isEqualTo("UP");
		assertThat(client.health().path("details").path("lastRun").path("error").asString()).isEqualTo("EXECUTION");
		assertThat(client.put("/buckets/flaky/objects/during-failure", "still works").ok()).isTrue();

		await().atMost(WAIT).until(() -> client.health().path("status").asString().equals("DOWN"));
		SampleClient.Response refused = client.put("/buckets/flaky/objects/after-expiry", "no credentials");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(client.json(refused).path("error").asString()).isEqualTo("EXECUTION");

		Files.delete(failSwitch);
		await().atMost(WAIT).until(() -> client.put("/buckets/flaky/objects/recovered", "back").ok());
		assertThat(client.health().path("status").asString()).isEqualTo("UP");
		assertThat(client.get("/buckets/flaky/objects/during-failure").body()).isEqualTo("still works");
	}

	@AfterAll
	static void removeFailSwitch() throws IOException {
		Files.deleteIfExists(failSwitch);
	}

	private static Path createFolder() {
		try {
			return Files.createTempDirectory("flaky-credential-process");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
