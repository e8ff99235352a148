package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
 * A real web application on a random port, with a real script as the credential process, seen
 * through its actuator over HTTP.
 */
// Closed after the class, so that its provider stops running processes for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = TestWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,credentialprocess",
				"management.endpoint.health.show-details=always", "aws.credential-process.expiry-window=3s",
				// Scheduled runs come every 3 to 5 s here; with the default 5 s interval no POST would run.
				"aws.credential-process.min-refresh-interval=0s" })
class CredentialProcessWebApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Scripts scripts = new Scripts(Scripts.newTemporaryFolder());

	@DynamicPropertySource
	static void credentialProcess(DynamicPropertyRegistry registry) {
		// Credentials live about 6 s and are refreshed 3 s before they expire: a rotation every ~3 s.
		Path script = scripts.rotatingCredentials(6);
		registry.add("aws.credential-process.command", script::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	CredentialProcessProvider provider;

	@Autowired
	AwsCredentialsProvider awsCredentialsProvider;

	private ActuatorClient actuator;

	@BeforeEach
	void setUp() {
		this.actuator = new ActuatorClient(this.port);
		await().atMost(WAIT).until(() -> !this.provider.isExpired());
	}

	@Test
	void healthShowsTheCredentialProcessUpWithItsDetails() {
		JsonNode component = this.actuator.get("/health").path("components").path("credentialProcess");
		assertThat(component.path("status").asString()).isEqualTo("UP");
		JsonNode details = component.path("details");
		assertThat(details.path("accessKeyId").asString()).matches("\\*\\*\\*\\*\\d{4}");
		assertThat(details.path("expiresIn").asString()).startsWith("PT");
		assertThat(details.path("lastRun").path("outcome").asString()).isEqualTo("success");
		assertThat(details.has("expiration")).isTrue();
		assertThat(details.has("fetchedAt")).isTrue();
		assertThat(details.has("nextRefresh")).isTrue();
		assertThat(details.path("consecutiveFailures").asInt()).isZero();
	}

	@Test
	void metricsEndpointShowsTheTimedRunsWithTheirTags() {
		JsonNode timer = this.actuator.get("/metrics/aws.credential.process");
		assertThat(timer.path("measurements").valueStream()
			.filter((measurement) -> measurement.path("statistic").asString().equals("COUNT"))
			.findFirst()
			.orElseThrow()
			.path("value")
			.asDouble()).isGreaterThanOrEqualTo(1);
		assertThat(timer.path("availableTags").valueStream().map((tag) -> tag.path("tag").asString()))
			.contains("outcome", "error.code", "error", "trigger");
		JsonNode gauge = this.actuator.get("/metrics/aws.credential.process.expiry");
		assertThat(gauge.path("measurements").path(0).path("value").asDouble()).isPositive();
	}

	@Test
	void metricsEndpointDescribesEveryMeterOfTheProviderAndListsTheFailureCounterFromTheStart() {
		// Prometheus writes each description as the meter's HELP text.
		for (String meter : java.util.List.of("aws.credential.process", "aws.credential.process.active",
				"aws.credential.process.expiry", "aws.credential.process.refresh.failures")) {
			assertThat(this.actuator.get("/metrics/" + meter).path("description").asString()).as(meter).isNotBlank();
		}
	}

	@Test
	void endpointShowsTheStateAndConfigurationWithTheArgumentsRedacted() {
		JsonNode state = this.actuator.get("/credentialprocess");
		assertThat(state.path("valid").asBoolean()).isTrue();
		assertThat(state.path("configuration").path("command").asString()).endsWith("** arguments redacted **");
		assertThat(state.path("configuration").path("expiryWindow").asString()).isEqualTo("PT3S");
	}

	@Test
	void forcedRefreshThroughTheEndpointRunsTheProcess() {
		// A run that ended during the call: its own, or a scheduled one already under way that it
		// joined (that one may have counted itself in the helper's run file before the call).
		Instant sent = Instant.now();
		JsonNode state = this.actuator.post("/credentialprocess");
		assertThat(state.path("newRun").asBoolean()).isTrue();
		assertThat(state.path("lastRun").path("trigger").asString()).isIn("manual", "scheduled");
		assertThat(Instant.parse(state.path("lastRun").path("finishedAt").asString())).isAfterOrEqualTo(sent);
		assertThat(state.path("valid").asBoolean()).isTrue();
	}

	@Test
	void credentialsRotateOnScheduleAndReachTheAwsSdk() {
		String first = this.awsCredentialsProvider.resolveCredentials().accessKeyId();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.awsCredentialsProvider.resolveCredentials().accessKeyId())
				.isNotEqualTo(first));
		String second = this.awsCredentialsProvider.resolveCredentials().accessKeyId();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.awsCredentialsProvider.resolveCredentials().accessKeyId())
				.isNotIn(first, second));
		JsonNode scheduled = this.actuator.get("/metrics/aws.credential.process?tag=trigger:scheduled");
		assertThat(scheduled.path("measurements").path(0).path("value").asDouble()).isGreaterThanOrEqualTo(2);
	}

}
