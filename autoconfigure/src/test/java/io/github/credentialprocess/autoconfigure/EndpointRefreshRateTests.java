package io.github.credentialprocess.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's POST, called as a script or a web page calling it in a loop would: with the
 * default configuration, the helper runs at most once per minimum refresh interval however many
 * requests arrive, and every request still gets an answer.
 */
// Closed after the class, so that its provider stops running processes for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = TestWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=credentialprocess")
class EndpointRefreshRateTests {

	private static final Duration DEFAULT_INTERVAL = CredentialProcessProvider.DEFAULT_MIN_REFRESH_INTERVAL;

	private static final Scripts scripts = new Scripts(Scripts.newTemporaryFolder());

	@DynamicPropertySource
	static void credentialProcess(DynamicPropertyRegistry registry) {
		registry.add("aws.credential-process.command", () -> scripts.rotatingCredentials(3600).toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	CredentialProcessProvider provider;

	@Test
	void twoHundredRapidPostsRunTheHelperAtMostOncePerInterval() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.provider.isExpired());
		int runsBefore = scripts.runs();
		long started = System.nanoTime();
		List<JsonNode> answers = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<JsonNode>> posts = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				ActuatorClient actuator = new ActuatorClient(this.port);
				posts.add(callers.submit(() -> actuator.post("/credentialprocess")));
			}
			for (Future<JsonNode> post : posts) {
				answers.add(post.get());
			}
		}
		finally {
			callers.shutdownNow();
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		int runs = scripts.runs() - runsBefore;
		long intervalsStarted = elapsed.toNanos() / DEFAULT_INTERVAL.toNanos() + 1;
		System.out.printf("200 POSTs in %d ms ran the helper %d times%n", elapsed.toMillis(), runs);
		assertThat(runs).as("helper runs for 200 POSTs over %s", elapsed).isLessThanOrEqualTo((int) intervalsStarted);
		assertThat(answers).hasSize(200).allSatisfy((answer) -> assertThat(answer.path("valid").asBoolean()).isTrue());
		// Callers that joined the run in progress say newRun too: the run happened during their call.
		// Together they name no more runs than the helper made.
		assertThat(answers.stream()
			.filter((answer) -> answer.path("newRun").asBoolean())
			.map((answer) -> answer.path("lastRun").path("finishedAt").asString())
			.distinct()).hasSizeLessThanOrEqualTo(runs);
		ActuatorClient actuator = new ActuatorClient(this.port);
		await().atMost(DEFAULT_INTERVAL.multipliedBy(4))
			.until(() -> actuator.post("/credentialprocess").path("newRun").asBoolean());
		assertThat(scripts.runs()).as("once the interval has passed, a POST runs the helper").isEqualTo(runsBefore + runs + 1);
	}

}
