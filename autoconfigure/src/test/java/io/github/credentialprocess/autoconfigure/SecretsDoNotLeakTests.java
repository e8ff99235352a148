package io.github.credentialprocess.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ErrorCode;
import io.github.credentialprocess.LogCapture;
import io.github.credentialprocess.Scripts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs every failure mode with secrets in the process's stdout, stderr and environment, and looks
 * for them in everything the application shows: every log event of every library at every level
 * (TRACE included, which is where Spring MVC logs response bodies), every exception message and
 * stack trace, every {@code toString()}, every metric tag and every actuator response.
 */
// Closed after the class, so that its provider stops running processes for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = TestWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
				"aws.credential-process.timeout=1s",
				"aws.credential-process.environment.HELPER_TOKEN=" + SecretsDoNotLeakTests.ENVIRONMENT_SECRET })
class SecretsDoNotLeakTests {

	static final String ENVIRONMENT_SECRET = "env-marker-6f1c2e9d8b7a";

	private static final String OUTPUT_SECRET = "stdout-marker-4a5b6c7d8e9f";

	private static final String OUTPUT_TOKEN = "token-marker-0a1b2c3d4e5f";

	private static final Path folder = Scripts.newTemporaryFolder();

	private static final Path mode = folder.resolve("mode");

	/** What the script prints in each failure mode, and the error code that must come of it. */
	private static final Map<String, ErrorCode> FAILURE_MODES = Map.ofEntries(Map.entry("truncated", ErrorCode.PARSE),
			Map.entry("trailing", ErrorCode.PARSE), Map.entry("duplicate", ErrorCode.PARSE),
			Map.entry("utf8", ErrorCode.PARSE), Map.entry("badexpiration", ErrorCode.PARSE),
			Map.entry("version", ErrorCode.VERSION), Map.entry("required", ErrorCode.REQUIRED),
			Map.entry("expired", ErrorCode.EXPIRED), Map.entry("flood", ErrorCode.OUTPUT_LIMIT),
			Map.entry("hang", ErrorCode.TIMEOUT), Map.entry("exit", ErrorCode.EXECUTION),
			Map.entry("signal", ErrorCode.EXECUTION), Map.entry("binary", ErrorCode.PARSE),
			Map.entry("closed", ErrorCode.TIMEOUT), Map.entry("grandchild", ErrorCode.TIMEOUT));

	@DynamicPropertySource
	static void credentialProcess(DynamicPropertyRegistry registry) {
		registry.add("aws.credential-process.command", () -> script() + " --password " + OUTPUT_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	CredentialProcessProvider provider;

	@Autowired
	AwsCredentialsProvider awsCredentialsProvider;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void noFailureModeLeaksASecretAnywhere() throws Exception {
		ActuatorClient actuator = new ActuatorClient(this.port);
		List<String> shown = new ArrayList<>();
		try (LogCapture logs = LogCapture.everything()) {
			setMode("ok");
			shown.add(this.provider.refresh().toString());
			// The SDK's own credentials object prints the full access key id (the SDK does not treat it
			// as secret), but never the secret or the token.
			assertThat(this.awsCredentialsProvider.resolveCredentials().toString())
				.doesNotContain(Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN);
			for (Map.Entry<String, ErrorCode> failure : FAILURE_MODES.entrySet()) {
				setMode(failure.getKey());
				CredentialProcessException exception = catchRefreshFailure(failure.getValue());
				shown.add(exception.getMessage());
				shown.add(stackTrace(exception));
				actuator.post("/credentialprocess");
				actuator.get("/health");
				actuator.get("/credentialprocess");
			}
			shown.add(this.provider.toString());
			shown.add(this.provider.status().toString());
			shown.add(this.awsCredentialsProvider.toString());
			actuator.get("/metrics");
			for (String meter : List.of("aws.credential.process", "aws.credential.process.expiry",
					"aws.credential.process.refresh.failures")) {
				actuator.get("/metrics/" + meter);
			}
			this.meterRegistry.getMeters().forEach((meter) -> shown.add(meter.getId().toString()));
			List<String> logLines = logs.lines();
			System.out.printf("Secrets test: %d log events captured, from %d loggers%n", logLines.size(),
					logLines.stream().map((line) -> line.split(" ")[1]).distinct().count());
			assertThat(logLines).as("other libraries' TRACE events are captured too")
				.anyMatch((line) -> line.startsWith("TRACE org.springframework."));
			shown.addAll(logLines);
		}
		shown.addAll(actuator.responses());

		assertThat(shown).as("everything shown").isNotEmpty().allSatisfy((text) -> assertThat(text)
			.doesNotContain(Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN, Scripts.ACCESS_KEY_ID, OUTPUT_SECRET,
					OUTPUT_TOKEN, ENVIRONMENT_SECRET));
		assertThat(String.join("\n", shown)).as("the masked access key id is shown")
			.contains("****" + Scripts.ACCESS_KEY_ID.substring(Scripts.ACCESS_KEY_ID.length() - 4));
	}

	private CredentialProcessException catchRefreshFailure(ErrorCode expected) {
		CredentialProcessException[] caught = new CredentialProcessException[1];
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(this.provider::refresh)
			.satisfies((ex) -> caught[0] = ex)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(expected));
		return caught[0];
	}

	private static String stackTrace(Throwable throwable) {
		StringWriter text = new StringWriter();
		throwable.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	private static void setMode(String name) throws IOException {
		Files.writeString(mode, name);
	}

	/** One script, whose behaviour the test switches by writing the mode file. */
	private static Path script() {
		String valid = Scripts.credentialsJson(Optional.of(Instant.parse("2099-01-01T00:00:00Z")));
		String leaky = "{\"Version\":1,\"AccessKeyId\":\"" + Scripts.ACCESS_KEY_ID + "\",\"SecretAccessKey\":\""
				+ OUTPUT_SECRET + "\",\"SessionToken\":\"" + OUTPUT_TOKEN + "\"";
		try {
			Files.write(folder.resolve("utf8.bin"), concat(leaky + ",\"X\":\"", new byte[] { (byte) 0xC3, 0x28 }, "\"}"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return new Scripts(folder).script("case \"$(cat '" + mode + "')\" in\n"
				+ "ok) printf '%s' '" + valid + "' ;;\n"
				+ "truncated) printf '%s' '" + leaky + "' ;;\n"
				+ "trailing) printf '%s' '" + leaky + "} " + OUTPUT_SECRET + "' ;;\n"
				+ "duplicate) printf '%s' '" + leaky + ",\"SecretAccessKey\":\"" + OUTPUT_SECRET + "\"}' ;;\n"
				+ "utf8) cat '" + folder.resolve("utf8.bin") + "' ;;\n"
				+ "badexpiration) printf '%s' '" + leaky + ",\"Expiration\":\"" + OUTPUT_SECRET + "\"}' ;;\n"
				+ "version) printf '%s' '" + leaky.replace("\"Version\":1", "\"Version\":\"" + OUTPUT_SECRET + "\"") + "}' ;;\n"
				+ "required) printf '%s' '" + leaky.replace("\"AccessKeyId\"", "\"Other\"") + "}' ;;\n"
				+ "expired) printf '%s' '" + leaky + ",\"Expiration\":\"2001-01-01T00:00:00Z\"}' ;;\n"
				+ "flood) printf '%s' '" + leaky + "}'; head -c 20000 /dev/zero | tr '\\0' ' ' ;;\n"
				+ "hang) printf '%s' '" + leaky + "}'; echo \"$HELPER_TOKEN\" >&2; sleep 30 ;;\n"
				+ "exit) printf '%s' '" + leaky + "}'; echo \"token $HELPER_TOKEN, old secret " + Scripts.SECRET_ACCESS_KEY
				+ ", old token " + Scripts.SESSION_TOKEN + "\" >&2; exit 3 ;;\n"
				+ "signal) printf '%s' '" + leaky + "'; kill -9 $$ ;;\n"
				+ "binary) printf '%s' '" + leaky + "'; head -c 200 /dev/urandom ;;\n"
				+ "closed) printf '%s' '" + leaky + "}'; exec 1>&-; echo \"$HELPER_TOKEN\" >&2; sleep 30 ;;\n"
				+ "grandchild) printf '%s' '" + leaky + "}'; sleep 30 & wait ;;\n"
				+ "esac");
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		byte[] first = head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] last = tail.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] all = new byte[first.length + middle.length + last.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(middle, 0, all, first.length, middle.length);
		System.arraycopy(last, 0, all, first.length + middle.length, last.length);
		return all;
	}

}
