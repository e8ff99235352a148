package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile and malformed output: whatever a process prints, parsing ends in credentials or in one
 * {@link CredentialProcessException} with an error code of the parser, never in another exception,
 * and an error repeats neither the output nor a piece of a secret in it.
 * <p>
 * The {@link FuzzTest}s are coverage-guided fuzz targets (Jazzer). A build replays the inputs
 * checked in under {@code CredentialsParserFuzzTestsInputs/<method>} in the test resources;
 * {@code CONTRIBUTING.md} says how to fuzz for real.
 */
class CredentialsParserFuzzTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	/** The codes parsing can end in; the others are for running the process. */
	private static final Set<ErrorCode> PARSER_CODES = EnumSet.of(ErrorCode.PARSE, ErrorCode.VERSION,
			ErrorCode.REQUIRED, ErrorCode.EXPIRED);

	/** A secret cut to this length is still recognisable, and a message should have no piece of it. */
	private static final int PIECE = 12;

	private final CredentialsParser parser = new CredentialsParser("helper");

	@FuzzTest
	void anyOutputEndsInCredentialsOrAnErrorCode(byte[] output) {
		parseCleanly(output);
	}

	@FuzzTest
	void credentialsObjectsEndInCredentialsOrAnErrorCodeWithoutTheirSecrets(FuzzedDataProvider data) {
		FuzzedCredentialsOutput output = FuzzedCredentialsOutput.from(data);
		Outcome outcome = parseCleanly(output.bytes());
		if (!output.isObject() || output.hasDuplicateKey()) {
			assertThat(outcome.code()).as(output.toString()).isEqualTo(ErrorCode.PARSE);
		}
		else if (!output.hasVersion1()) {
			assertThat(outcome.code()).as(output.toString()).isEqualTo(ErrorCode.VERSION);
		}
		if (outcome.failure() != null) {
			assertNoPieceOfTheSecrets(outcome.failure().getMessage(), output.secrets());
		}
		else {
			ProcessCredentials credentials = outcome.credentials();
			assertThat(credentials.accessKeyId()).isEqualTo(output.string("AccessKeyId").orElseThrow());
			assertThat(credentials.secretAccessKey()).isEqualTo(output.string("SecretAccessKey").orElseThrow());
			assertThat(Optional.ofNullable(credentials.sessionToken())).isEqualTo(nonEmpty(output, "SessionToken"));
			assertThat(credentials.accountId()).isEqualTo(nonEmpty(output, "AccountId"));
			assertThat(credentials.credentialScope()).isEqualTo(nonEmpty(output, "CredentialScope"));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 100_000 })
	void deeplyNestedArraysAreAParseErrorNotAStackOverflow(int depth) {
		String json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Deep\":" + "[".repeat(depth)
				+ "]".repeat(depth) + "}";
		assertThat(parseCleanly(json.getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(ErrorCode.PARSE);
	}

	@Test
	void tenThousandKeysAreAccepted() {
		StringBuilder json = new StringBuilder("{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"");
		for (int i = 0; i < 10_000; i++) {
			json.append(",\"k").append(i).append("\":").append(i);
		}
		json.append('}');
		assertThat(this.parser.parse(json.toString().getBytes(StandardCharsets.UTF_8), NOW).accessKeyId())
			.isEqualTo("A");
	}

	@ParameterizedTest
	@ValueSource(ints = { 10_000, 1_000_000 })
	void veryLongStringsAreCarriedWhole(int length) {
		String secret = "s".repeat(length);
		String json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" + secret + "\"}";
		assertThat(this.parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW).secretAccessKey()).hasSize(length);
	}

	/**
	 * Parses, and checks what any output must give: credentials that keep the rules of the format,
	 * or a {@link CredentialProcessException} with a code of the parser whose message does not
	 * repeat the output. Any other exception escapes, and is a finding.
	 */
	private Outcome parseCleanly(byte[] output) {
		ProcessCredentials credentials;
		try {
			credentials = this.parser.parse(output, NOW);
		}
		catch (CredentialProcessException failure) {
			assertThat(failure.code()).isIn(PARSER_CODES);
			if (output.length >= PIECE) {
				assertThat(failure.getMessage()).doesNotContain(new String(output, StandardCharsets.UTF_8));
			}
			return new Outcome(null, failure);
		}
		assertThat(credentials.accessKeyId()).isNotEmpty();
		assertThat(credentials.secretAccessKey()).isNotEmpty();
		credentials.expiration().ifPresent((expiration) -> assertThat(expiration).isAfter(NOW));
		assertThat(credentials.fetchedAt()).isEqualTo(NOW);
		return new Outcome(credentials, null);
	}

	/** An optional string of the format: an empty one counts as absent. */
	private static Optional<String> nonEmpty(FuzzedCredentialsOutput output, String key) {
		return output.string(key).filter((value) -> !value.isEmpty());
	}

	private static void assertNoPieceOfTheSecrets(String message, List<String> secrets) {
		for (String secret : secrets) {
			for (int start = 0; start + PIECE <= secret.length(); start++) {
				String piece = secret.substring(start, start + PIECE);
				if (message.contains(piece)) {
					fail("The message has the piece '%s' of a secret: %s", piece, message);
				}
			}
		}
	}

	/** What parsing gave: credentials, or the failure. */
	private record Outcome(ProcessCredentials credentials, CredentialProcessException failure) {

		ErrorCode code() {
			return (this.failure != null) ? this.failure.code() : null;
		}

	}

}
