package io.github.credentialprocess.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ErrorCode;
import io.github.credentialprocess.LogCapture;
import io.github.credentialprocess.Scripts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Runs every failure mode with secrets in the process's command line, arguments, stdout, stderr
 * and environment, and looks for them in everything the application shows: every log event of
 * every library at every level (TRACE included, which is where Spring MVC logs response bodies),
 * every exception message and stack trace, every {@code toString()}, every metric tag and every
 * actuator response. Besides whole secrets, no ten characters of one may show (a secret cut by the
 * start of a kept tail), and no character that starts a line in a log viewer (C0 and C1 controls,
 * U+2028, U+2029) may reach a message from the helper's output.
 */
// Closed after the class, so that its provider stops running processes for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = TestWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
				// Long enough for a helper that exits at once to start and exit on a busy machine (1s
				// timed out 'exit' once with two other builds running), short for the cases that hang.
				"aws.credential-process.timeout=3s",
				// Every case runs the helper twice in quick succession (the good credentials, then the
				// failure), so neither the manual-refresh interval nor the back-off may hold a run back.
				"aws.credential-process.min-refresh-interval=0s", "aws.credential-process.retry.initial-delay=1ms",
				"aws.credential-process.retry.max-delay=1ms" })
class SecretsDoNotLeakTests {

	/** In the environment the starter gives the helper. */
	static final String ENVIRONMENT_SECRET = "env-marker-6f1c2e9d8b7a";

	/** A private key in the environment, one secret over several lines. */
	private static final String PEM_SECRET = "-----BEGIN PRIVATE KEY-----\npem-line-one-7c3e1a9b0d\n"
			+ "pem-line-two-5d8f2b6c4e\n-----END PRIVATE KEY-----";

	/** A secret holding a tab, which the old tail replaced before masking. */
	private static final String TABBED_SECRET = "tab-marker\t3e8a1f7c2b9d";

	/** Passed as an assignment before the program, a common way to hand a helper its passphrase. */
	private static final String PASSPHRASE_SECRET = "passphrase-marker-1b2c3d4e";

	/** An argument of the command. */
	private static final String ARGUMENT_SECRET = "argument-marker-8e7f6a5b4c";

	/** What the helper prints as its new credentials. */
	private static final String OUTPUT_SECRET = "stdout-marker-4a5b6c7d8e9f";

	private static final String OUTPUT_TOKEN = "token-marker-0a1b2c3d4e5f";

	/** A key name the helper chose. */
	private static final String KEY_NAME_SECRET = "keyname-marker-9e8d7c6b5a";

	/** Known to nobody but the helper, printed after a credential-like name. */
	private static final String NAMED_SECRET = "named-marker-2f3e4d5c6b";

	/** Known to nobody but the helper, recognised by its shape only. */
	private static final String SHAPED_SECRET = "Zq3+8Yb/Kd0mWlR7tNv2XcE5pHs9uJfA1gLoBi6T";

	private static final String SHAPED_KEY_ID = "ASIAQX7EXAMPLE2WXYZ9";

	private static final List<String> SECRETS = List.of(Scripts.SECRET_ACCESS_KEY,
			Scripts.SECRET_ACCESS_KEY.replace("/", "\\/"), Scripts.SESSION_TOKEN, Scripts.ACCESS_KEY_ID,
			ENVIRONMENT_SECRET, "pem-line-one-7c3e1a9b0d", "pem-line-two-5d8f2b6c4e", "3e8a1f7c2b9d", PASSPHRASE_SECRET,
			ARGUMENT_SECRET, OUTPUT_SECRET, OUTPUT_TOKEN, KEY_NAME_SECRET, NAMED_SECRET, SHAPED_SECRET,
			SHAPED_KEY_ID.substring(0, 16));

	/** Shorter than any secret above, longer than the shown last four characters of a key id. */
	private static final int FRAGMENT_LENGTH = 10;

	private static final Path folder = Scripts.newTemporaryFolder();

	private static final Path mode = folder.resolve("mode");

	@DynamicPropertySource
	static void credentialProcess(DynamicPropertyRegistry registry) {
		registry.add("aws.credential-process.command",
				() -> "HELPER_PASSPHRASE=" + PASSPHRASE_SECRET + " " + script() + " --password " + ARGUMENT_SECRET);
		registry.add("aws.credential-process.environment.HELPER_TOKEN", () -> ENVIRONMENT_SECRET);
		registry.add("aws.credential-process.environment.HELPER_KEY", () -> PEM_SECRET);
		registry.add("aws.credential-process.environment.HELPER_TABBED", () -> TABBED_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	CredentialProcessProvider provider;

	@Autowired
	AwsCredentialsProvider awsCredentialsProvider;

	@Autowired
	MeterRegistry meterRegistry;

	/** The application's own mapper, as a controller returning our types would use it. */
	@Autowired
	JsonMapper jsonMapper;

	/** What the script does in each mode, and the error code that must come of it. */
	static Stream<Arguments> failureModes() {
		return Stream.of(
				// Output that breaks the format, each quoting the helper's secrets somewhere.
				Arguments.of("truncated", ErrorCode.PARSE), Arguments.of("trailing", ErrorCode.PARSE),
				Arguments.of("duplicate", ErrorCode.PARSE), Arguments.of("utf8", ErrorCode.PARSE),
				Arguments.of("badexpiration", ErrorCode.PARSE), Arguments.of("version", ErrorCode.VERSION),
				Arguments.of("required", ErrorCode.REQUIRED), Arguments.of("expired", ErrorCode.EXPIRED),
				Arguments.of("flood", ErrorCode.OUTPUT_LIMIT), Arguments.of("hang", ErrorCode.TIMEOUT),
				Arguments.of("exit", ErrorCode.EXECUTION), Arguments.of("signal", ErrorCode.EXECUTION),
				Arguments.of("binary", ErrorCode.PARSE), Arguments.of("closed", ErrorCode.TIMEOUT),
				Arguments.of("grandchild", ErrorCode.TIMEOUT),
				// Issue 12, item 2: the new credentials, echoed to stderr by a helper that then fails.
				Arguments.of("echoed-credentials", ErrorCode.EXECUTION),
				// Item 3: the command's arguments, echoed by the helper or by the shell's trace.
				Arguments.of("echoed-arguments", ErrorCode.EXECUTION), Arguments.of("shell-trace", ErrorCode.EXECUTION),
				// Item 4: a secret over several lines, one with a tab, one cut by the tail's start.
				Arguments.of("multi-line-secret", ErrorCode.EXECUTION), Arguments.of("tabbed-secret", ErrorCode.EXECUTION),
				Arguments.of("secret-cut-by-tail", ErrorCode.EXECUTION),
				// Item 5: the previous access key id in full, the previous secret JSON-escaped.
				Arguments.of("previous-credentials", ErrorCode.EXECUTION),
				// Item 6: a key name chosen by the helper; line and paragraph separators in its output.
				Arguments.of("secret-key-name", ErrorCode.PARSE), Arguments.of("forged-log-line", ErrorCode.EXECUTION),
				// Issue 17: an STS response body, names in other syntaxes, values known only by their shape,
				// a line whose masked head moves a cut secret into view, an AccountId that forges a line.
				Arguments.of("sts-body", ErrorCode.EXECUTION), Arguments.of("named-syntaxes", ErrorCode.EXECUTION),
				Arguments.of("shaped", ErrorCode.EXECUTION), Arguments.of("long-line", ErrorCode.EXECUTION),
				Arguments.of("account-id", ErrorCode.PARSE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failureModes")
	void failureLeaksNoSecretAnywhere(String failureMode, ErrorCode expected) throws Exception {
		ActuatorClient actuator = new ActuatorClient(this.port);
		List<String> shown = new ArrayList<>();
		List<String> fromTheHelper = new ArrayList<>();
		try (LogCapture logs = LogCapture.everything()) {
			setMode("ok");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> catchThrowableOfType(CredentialProcessException.class, this.provider::refresh) == null);
			setMode(failureMode);
			CredentialProcessException failure = await().atMost(Duration.ofSeconds(30))
				.until(() -> catchThrowableOfType(CredentialProcessException.class, this.provider::refresh),
						(ex) -> ex != null);
			assertThat(failure.code()).isEqualTo(expected);
			fromTheHelper.add(failure.getMessage());
			shown.add(stackTrace(failure));
			shown.add(this.jsonMapper.writeValueAsString(failure));
			shown.add(this.jsonMapper.writeValueAsString(this.provider.status()));
			actuator.post("/credentialprocess");
			actuator.get("/health");
			actuator.get("/credentialprocess");
			shown.add(this.provider.toString());
			shown.add(this.provider.status().toString());
			List<String> logLines = logs.lines();
			shown.addAll(logLines);
			// This project's log lines without their stack frames: where the helper's text goes.
			logLines.stream()
				.filter((line) -> line.split(" ", 3)[1].startsWith("io.github.credentialprocess"))
				.map((line) -> line.split("\n\t")[0])
				.forEach(fromTheHelper::add);
		}
		shown.addAll(actuator.responses());
		shown.addAll(fromTheHelper);
		assertShowsNoSecret(shown);
		assertThat(fromTheHelper).as("messages and log lines").allSatisfy((text) -> assertThat(text)
			.doesNotContain("\u2028", "\u2029", "\u0085", "\r", "\u001b"));
	}

	@Test
	void successLeaksNoSecretAnywhere() throws Exception {
		ActuatorClient actuator = new ActuatorClient(this.port);
		List<String> shown = new ArrayList<>();
		try (LogCapture logs = LogCapture.everything()) {
			setMode("ok");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> catchThrowableOfType(CredentialProcessException.class, this.provider::refresh) == null);
			shown.add(this.provider.resolveCredentials().toString());
			shown.add(this.jsonMapper.writeValueAsString(this.provider.resolveCredentials()));
			shown.add(this.jsonMapper.writeValueAsString(this.provider.status()));
			// The SDK's own credentials object prints the full access key id (the SDK does not treat it
			// as secret), but never the secret or the token.
			assertThat(this.awsCredentialsProvider.resolveCredentials().toString())
				.doesNotContain(Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN);
			shown.add(this.provider.toString());
			shown.add(this.provider.status().toString());
			shown.add(this.awsCredentialsProvider.toString());
			actuator.post("/credentialprocess");
			actuator.get("/health");
			actuator.get("/credentialprocess");
			actuator.get("/env");
			actuator.get("/configprops");
			actuator.get("/metrics");
			for (String meter : List.of("aws.credential.process", "aws.credential.process.expiry",
					"aws.credential.process.refresh.failures")) {
				actuator.get("/metrics/" + meter);
			}
			this.meterRegistry.getMeters().forEach((meter) -> shown.add(meter.getId().toString()));
			List<String> logLines = logs.lines();
			assertThat(logLines).as("other libraries' TRACE events are captured too")
				.anyMatch((line) -> line.startsWith("TRACE org.springframework."));
			shown.addAll(logLines);
		}
		shown.addAll(actuator.responses());
		assertShowsNoSecret(shown);
		assertThat(String.join("\n", shown)).as("the masked access key id is shown")
			.contains("****" + Scripts.ACCESS_KEY_ID.substring(Scripts.ACCESS_KEY_ID.length() - 4));
	}

	private static void assertShowsNoSecret(List<String> shown) {
		assertThat(shown).as("everything shown").isNotEmpty().allSatisfy((text) -> {
			assertThat(text).doesNotContain(SECRETS);
			assertThat(text).doesNotContain(SECRETS.stream().flatMap(SecretsDoNotLeakTests::fragments).toList());
		});
	}

	/** Every run of {@value #FRAGMENT_LENGTH} characters of a secret. */
	private static Stream<String> fragments(String secret) {
		return IntStream.rangeClosed(0, secret.length() - FRAGMENT_LENGTH)
			.mapToObj((start) -> secret.substring(start, start + FRAGMENT_LENGTH));
	}

	private static String stackTrace(Throwable throwable) {
		StringWriter text = new StringWriter();
		throwable.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	private static void setMode(String name) throws IOException {
		Files.writeString(mode, name);
	}

	/** One script, whose behaviour the tests switch by writing the mode file. */
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
				+ "echoed-credentials) printf '%s' '" + leaky + "}'; printf 'debug: response=%s\\n' '" + leaky
				+ "}' >&2; exit 1 ;;\n"
				+ "echoed-arguments) echo \"helper: unrecognized option '$1=$2'\" >&2; exit 2 ;;\n"
				+ "shell-trace) set -x; : \"$@\"; exit 2 ;;\n"
				+ "multi-line-secret) printf 'loaded key:\\n%s\\n' \"$HELPER_KEY\" >&2; exit 1 ;;\n"
				+ "tabbed-secret) printf 'value: %s\\n' \"$HELPER_TABBED\" >&2; exit 1 ;;\n"
				+ "secret-cut-by-tail) echo \"$HELPER_TOKEN\" >&2; head -c 1010 /dev/zero | tr '\\0' x >&2; exit 1 ;;\n"
				+ "previous-credentials) printf '%s\\n' 'refreshing " + Scripts.ACCESS_KEY_ID + " failed, sent {\"SecretAccessKey\": \""
				+ Scripts.SECRET_ACCESS_KEY.replace("/", "\\/") + "\"}' >&2; printf '%s\\n' 'old secret "
				+ Scripts.SECRET_ACCESS_KEY.replace("/", "\\/") + "' >&2; exit 1 ;;\n"
				+ "secret-key-name) printf '{\"Version\":1,\"" + KEY_NAME_SECRET + "\\302\\205ERROR forged\":1,\"" + KEY_NAME_SECRET
				+ "\\302\\205ERROR forged\":2}' ;;\n"
				+ "sts-body) printf '%s\\n' '<AssumeRoleResult><Credentials><AccessKeyId>" + SHAPED_KEY_ID
				+ "</AccessKeyId><SecretAccessKey>" + NAMED_SECRET + "</SecretAccessKey></Credentials></AssumeRoleResult>' >&2; exit 1 ;;\n"
				+ "named-syntaxes) printf '%s\\n' \"{'SecretAccessKey': '" + NAMED_SECRET + "'}\" 'AWS_SECURITY_TOKEN=" + NAMED_SECRET
				+ "' 'secret_access_key: " + NAMED_SECRET + "' '\"SessionToken\" => \"" + NAMED_SECRET + "\"' >&2; exit 1 ;;\n"
				+ "shaped) printf '%s\\n' 'cached material for role dev: " + SHAPED_SECRET + " as " + SHAPED_KEY_ID + "' >&2; exit 1 ;;\n"
				+ "long-line) i=0; while [ $i -lt 60 ]; do printf '%s ' \"$HELPER_TOKEN\" >&2; i=$((i+1)); done; echo >&2; exit 1 ;;\n"
				+ "account-id) printf '%s' '" + leaky + ",\"AccountId\":\"1\\nERROR forged\"}' ;;\n"
				+ "forged-log-line) printf 'oops\\342\\200\\250ERROR forged\\342\\200\\251line\\302\\205three\\033[2Kfour\\r\\n' >&2; exit 1 ;;\n"
				+ "esac");
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		byte[] first = head.getBytes(StandardCharsets.UTF_8);
		byte[] last = tail.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[first.length + middle.length + last.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(middle, 0, all, first.length, middle.length);
		System.arraycopy(last, 0, all, first.length + middle.length, last.length);
		return all;
	}

}
