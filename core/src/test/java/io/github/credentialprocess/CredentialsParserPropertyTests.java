package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostile and malformed output: whatever a process prints, parsing ends in credentials or in one
 * {@link CredentialProcessException} with an error code, never in another exception, and an error
 * never repeats the output.
 */
class CredentialsParserPropertyTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final CredentialsParser parser = new CredentialsParser("helper");

	@Property(tries = 500)
	void randomBytesEndInCredentialsOrAnErrorCode(@ForAll @Size(max = 2048) byte[] output) {
		assertParsesOrFailsCleanly(output);
	}

	@Property(tries = 500)
	void randomJsonValuesEndInCredentialsOrAnErrorCode(@ForAll("jsonValues") String json) {
		assertParsesOrFailsCleanly(json.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 300)
	void objectsWithRandomFieldValuesEndInCredentialsOrAnErrorCode(@ForAll("jsonValues") String version,
			@ForAll("jsonValues") String accessKeyId, @ForAll("jsonValues") String secret,
			@ForAll("jsonValues") String token, @ForAll("jsonValues") String expiration) {
		String json = "{\"Version\":" + version + ",\"AccessKeyId\":" + accessKeyId + ",\"SecretAccessKey\":" + secret
				+ ",\"SessionToken\":" + token + ",\"Expiration\":" + expiration + "}";
		assertParsesOrFailsCleanly(json.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 20)
	void deeplyNestedArraysAreAParseErrorNotAStackOverflow(@ForAll @IntRange(min = 1_000, max = 100_000) int depth) {
		String json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Deep\":" + "[".repeat(depth)
				+ "]".repeat(depth) + "}";
		Throwable thrown = catchThrowable(() -> this.parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW));
		assertThat(thrown).isInstanceOfSatisfying(CredentialProcessException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE));
	}

	@Property(tries = 5)
	void tenThousandKeysAreAccepted(@ForAll @IntRange(min = 10_000, max = 10_000) int keys) {
		StringBuilder json = new StringBuilder("{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"");
		for (int i = 0; i < keys; i++) {
			json.append(",\"k").append(i).append("\":").append(i);
		}
		json.append('}');
		assertThat(this.parser.parse(json.toString().getBytes(StandardCharsets.UTF_8), NOW).accessKeyId()).isEqualTo("A");
	}

	@Property(tries = 50)
	void duplicateKeysAreAParseError(@ForAll("fieldNames") String name) {
		String json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"" + name + "\":1,\"" + name
				+ "\":2}";
		Throwable thrown = catchThrowable(() -> this.parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW));
		assertThat(thrown).isInstanceOfSatisfying(CredentialProcessException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE));
	}

	@Property(tries = 50)
	void hugeOrFractionalVersionNumbersAreVersionErrors(@ForAll("numbers") String version) {
		String json = "{\"Version\":" + version + ",\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}";
		Throwable thrown = catchThrowable(() -> this.parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW));
		assertThat(thrown).isInstanceOfSatisfying(CredentialProcessException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.VERSION));
	}

	@Property(tries = 20)
	void veryLongStringsAreCarriedWhole(@ForAll @IntRange(min = 10_000, max = 1_000_000) int length) {
		String secret = "s".repeat(length);
		String json = "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" + secret + "\"}";
		assertThat(this.parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW).secretAccessKey()).hasSize(length);
	}

	@Provide
	Arbitrary<String> jsonValues() {
		Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(40).map(CredentialsParserPropertyTests::quote);
		Arbitrary<String> scalars = Arbitraries.oneOf(strings, numbers(), Arbitraries.of("true", "false", "null", "1",
				"\"2030-01-01T00:00:00Z\"", "\"2001-01-01T00:00:00Z\"", "\"\""));
		return Arbitraries.recursive(() -> scalars,
				(inner) -> Arbitraries.oneOf(inner.list().ofMaxSize(4).map((items) -> "[" + String.join(",", items) + "]"),
						inner.list().ofMaxSize(4).map((items) -> {
							StringBuilder object = new StringBuilder("{");
							for (int i = 0; i < items.size(); i++) {
								object.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(items.get(i));
							}
							return object.append('}').toString();
						})),
				3);
	}

	@Provide
	Arbitrary<String> numbers() {
		return Arbitraries.oneOf(Arbitraries.of("1e400", "-1e400", "1.0", "1.5", "0", "-1", "2", "1E0",
				"100000000000000000000000000001", "0.1e1"), Arbitraries.doubles().map(String::valueOf)
					.filter((text) -> !text.equals("1.0") && Double.isFinite(Double.parseDouble(text))));
	}

	@Provide
	Arbitrary<String> fieldNames() {
		return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
	}

	private void assertParsesOrFailsCleanly(byte[] output) {
		Throwable thrown = catchThrowable(() -> this.parser.parse(output, NOW));
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(CredentialProcessException.class);
			assertThat(((CredentialProcessException) thrown).code()).isNotNull();
			if (output.length >= 12) {
				assertThat(thrown.getMessage()).doesNotContain(new String(output, StandardCharsets.UTF_8));
			}
		}
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.codePoints().forEach((c) -> {
			if (c == '"' || c == '\\') {
				quoted.append('\\').appendCodePoint(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		return quoted.append('"').toString();
	}

}
