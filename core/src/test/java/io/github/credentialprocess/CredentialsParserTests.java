package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One test per rule of the credential_process output format, each with a real process printing
 * the output; the details of what an error says are checked on the parser alone, to stay fast.
 */
class CredentialsParserTests {

	private static final String KEYS = "\"Version\":1,\"AccessKeyId\":\"AKIDEXAMPLE\",\"SecretAccessKey\":\"SECRETKEY\"";

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void keysWithoutTokenOrExpirationGiveLongTermCredentials() {
		ProcessCredentials credentials = resolve("{" + KEYS + "}");
		assertThat(credentials.accessKeyId()).isEqualTo("AKIDEXAMPLE");
		assertThat(credentials.secretAccessKey()).isEqualTo("SECRETKEY");
		assertThat(credentials.sessionToken()).isNull();
		assertThat(credentials.expiration()).isEmpty();
	}

	@Test
	void sessionTokenAndExpirationGiveSessionCredentialsExpiringThen() {
		ProcessCredentials credentials = resolve(
				"{" + KEYS + ",\"SessionToken\":\"TOKEN\",\"Expiration\":\"2030-01-01T00:00:00Z\"}");
		assertThat(credentials.sessionToken()).isEqualTo("TOKEN");
		assertThat(credentials.expiration()).contains(Instant.parse("2030-01-01T00:00:00Z"));
	}

	@Test
	void expirationWithOffsetIsConvertedToTheInstantItNames() {
		ProcessCredentials credentials = resolve("{" + KEYS + ",\"Expiration\":\"2030-01-01T02:00:00+02:00\"}");
		assertThat(credentials.expiration()).contains(Instant.parse("2030-01-01T00:00:00Z"));
	}

	@Test
	void expirationWithFractionalSecondsIsAccepted() {
		ProcessCredentials credentials = resolve("{" + KEYS + ",\"Expiration\":\"2030-01-01T00:00:00.123456Z\"}");
		assertThat(credentials.expiration()).contains(Instant.parse("2030-01-01T00:00:00.123456Z"));
	}

	@Test
	void expirationFarInTheFutureIsAccepted() {
		assertThat(resolve("{" + KEYS + ",\"Expiration\":\"9999-12-31T23:59:59Z\"}").expiration())
			.contains(Instant.parse("9999-12-31T23:59:59Z"));
	}

	@Test
	void expirationWithTheLargestOffsetIsAccepted() {
		assertThat(resolve("{" + KEYS + ",\"Expiration\":\"2030-01-01T14:00:00+14:00\"}").expiration())
			.contains(Instant.parse("2030-01-01T00:00:00Z"));
	}

	@Test
	void expirationOnALeapDayIsAccepted() {
		assertThat(resolve("{" + KEYS + ",\"Expiration\":\"2032-02-29T12:00:00Z\"}").expiration())
			.contains(Instant.parse("2032-02-29T12:00:00Z"));
	}

	@Test
	void expirationOnTheLeapDayOfAYearWithoutOneIsAParseError() {
		assertFailsWith("{" + KEYS + ",\"Expiration\":\"2031-02-29T12:00:00Z\"}", ErrorCode.PARSE)
			.withMessageContaining("RFC 3339");
	}

	@Test
	void expirationThatIsNotRfc3339IsAParseError() {
		assertFailsWith("{" + KEYS + ",\"Expiration\":\"tomorrow\"}", ErrorCode.PARSE)
			.withMessageContaining("RFC 3339")
			.withMessageNotContaining("tomorrow");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z" })
	void expirationOutsideTheFourDigitYearsOfRfc3339IsAParseError(String expiration) {
		assertFailsWith("{" + KEYS + ",\"Expiration\":\"" + expiration + "\"}", ErrorCode.PARSE)
			.withMessageContaining("year");
	}

	@Test
	void expirationInYearZeroIsAcceptedAsATimestampAndRefusedAsPast() {
		assertFailsWith("{" + KEYS + ",\"Expiration\":\"0000-01-01T00:00:00Z\"}", ErrorCode.EXPIRED);
	}

	@Test
	void expirationInThePastIsRefused() {
		String past = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
		assertFailsWith("{" + KEYS + ",\"Expiration\":\"" + past + "\"}", ErrorCode.EXPIRED)
			.withMessageContaining("not after the current time");
	}

	@Test
	void expirationEqualToNowIsRefused() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		Path script = this.scripts.printing("{" + KEYS + ",\"Expiration\":\"" + now + "\"}");
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
			.build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXPIRED));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"Version\":2,", "", "\"Version\":\"1\",", "\"Version\":1.0,", "\"Version\":true,",
			"\"Version\":1e400,", "\"Version\":100000000000000000001,", "\"Version\":null," })
	void versionOtherThanTheNumberOneIsAVersionError(String version) {
		assertFailsWith("{" + version + "\"AccessKeyId\":\"AKIDEXAMPLE\",\"SecretAccessKey\":\"SECRETKEY\"}",
				ErrorCode.VERSION)
			.withMessageContaining("\"Version\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ",\"AccessKeyId\":\"\"", ",\"AccessKeyId\":42", ",\"AccessKeyId\":null",
			",\"AccessKeyId\":{\"nested\":\"x\"}" })
	void accessKeyIdMissingEmptyOrNotAStringIsRequired(String accessKeyId) {
		assertFailsWith("{\"Version\":1,\"SecretAccessKey\":\"SECRETKEY\"" + accessKeyId + "}", ErrorCode.REQUIRED)
			.withMessageContaining("\"AccessKeyId\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ",\"SecretAccessKey\":\"\"", ",\"SecretAccessKey\":[\"SECRETKEY\"]",
			",\"SecretAccessKey\":false" })
	void secretAccessKeyMissingEmptyOrNotAStringIsRequired(String secretAccessKey) {
		assertFailsWith("{\"Version\":1,\"AccessKeyId\":\"AKIDEXAMPLE\"" + secretAccessKey + "}", ErrorCode.REQUIRED)
			.withMessageContaining("\"SecretAccessKey\"")
			.withMessageNotContaining("SECRETKEY");
	}

	@Test
	void emptySessionTokenIsTreatedAsAbsent() {
		assertThat(resolve("{" + KEYS + ",\"SessionToken\":\"\"}").sessionToken()).isNull();
	}

	@Test
	void accountIdAndCredentialScopeAreCarriedThrough() {
		ProcessCredentials credentials = resolve(
				"{" + KEYS + ",\"AccountId\":\"123456789012\",\"CredentialScope\":\"us-west-2\"}");
		assertThat(credentials.accountId()).contains("123456789012");
		assertThat(credentials.credentialScope()).contains("us-west-2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json at all SECRETKEY", "[" + KEYS + "]", "\"SECRETKEY\"", "{" + KEYS + "} trailing",
			"{" + KEYS + "}{}", "{" + KEYS + ",\"SecretAccessKey\":\"OTHERSECRET\"}", "{" + KEYS + ",",
			"{\"SECRETKEY\" 1}" })
	void outputThatIsNotOneJsonObjectIsAParseErrorWithoutTheContent(String output) {
		assertFailsWith(output, ErrorCode.PARSE).withMessageContaining("bytes")
			.withMessageNotContaining("SECRETKEY")
			.withMessageNotContaining("OTHERSECRET")
			.withMessageNotContaining("AKIDEXAMPLE");
	}

	@Test
	void parseErrorGivesThePositionAndByteCount() {
		assertFailsWith("{" + KEYS + "} trailing", ErrorCode.PARSE)
			.withMessageContaining("(" + ("{" + KEYS + "} trailing").length() + " bytes)")
			.withMessageContaining("line 1, column");
	}

	@Test
	void duplicateKeysAreAParseErrorNamingTheKey() {
		assertFailsWith("{" + KEYS + ",\"AccessKeyId\":\"AKIDOTHER\"}", ErrorCode.PARSE)
			.withMessageContaining("\"AccessKeyId\" more than once");
	}

	@Test
	void duplicateUnknownKeyIsNamedOnlyByItsLengthSinceTheHelperChoseIt() {
		String forged = "secret-in-a-key\u0085ERROR forged line\u2028";
		assertFailsWith("{" + KEYS + ",\"" + forged + "\":1,\"" + forged + "\":2}", ErrorCode.PARSE)
			.withMessageContaining("an unknown key of " + forged.length() + " characters more than once")
			.withMessageNotContaining("secret-in-a-key")
			.withMessageNotContaining("forged")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u0085", "\u2028"));
	}

	@Test
	void invalidUtf8IsAParseErrorGivingTheBytePosition() {
		byte[] prefix = ("{" + KEYS + ",\"Note\":\"").getBytes(StandardCharsets.UTF_8);
		byte[] output = new byte[prefix.length + 3];
		System.arraycopy(prefix, 0, output, 0, prefix.length);
		output[prefix.length] = (byte) 0xC3;
		output[prefix.length + 1] = (byte) 0x28;
		output[prefix.length + 2] = '"';
		Path script = this.scripts.printing(output);
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE))
				.withMessageContaining("not valid UTF-8 at byte " + prefix.length + " of " + output.length);
		}
	}

	@Test
	void binaryOutputIsAParseError() {
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		Path script = this.scripts.printing(binary);
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE))
				.withMessageContaining("(256 bytes)");
		}
	}

	@Test
	void emptyOutputIsAParseError() {
		assertFailsWith("", ErrorCode.PARSE).withMessageContaining("is empty");
	}

	@Test
	void whitespaceAroundTheObjectIsAccepted() {
		assertThat(resolve(" \n\t{" + KEYS + "}\r\n\n ").accessKeyId()).isEqualTo("AKIDEXAMPLE");
	}

	@Test
	void unknownFieldsAreIgnored() {
		assertThat(resolve("{" + KEYS + ",\"Extra\":{\"deep\":[1,2,{\"x\":null}]},\"Other\":7}").accessKeyId())
			.isEqualTo("AKIDEXAMPLE");
	}

	@Test
	void deeplyNestedUnknownFieldIsAParseErrorNotAStackOverflow() {
		String nested = "[".repeat(5000) + "]".repeat(5000);
		Path script = this.scripts.printing("{" + KEYS + ",\"Extra\":" + nested + "}");
		try (CredentialProcessProvider provider = this.scripts.provider(script).maxBufferSize(64 * 1024).build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE))
				.withMessageContaining("limits");
		}
	}

	@Test
	void nonStringSessionTokenIsAParseError() {
		assertFailsWith("{" + KEYS + ",\"SessionToken\":12}", ErrorCode.PARSE)
			.withMessageContaining("\"SessionToken\"");
	}

	@Test
	void emptyOptionalStringIsTreatedAsAbsent() {
		assertThat(parse("{" + KEYS + ",\"CredentialScope\":\"\"}").credentialScope()).isEmpty();
	}

	@Test
	void outputThatIsAnotherJsonValueIsNamedByItsType() {
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(() -> parse("[]"))
			.withMessageContaining("is not a JSON object (it starts with a JSON array)");
	}

	@Test
	void nestingPastTheParsersLimitIsAParseErrorAtAnUnknownPosition() {
		String nested = "[".repeat(5000) + "]".repeat(5000);
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> parse("{" + KEYS + ",\"Extra\":" + nested + "}"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.PARSE))
			.withMessageContaining("(nesting depth or value length, at an unknown position)");
	}

	private static ProcessCredentials parse(String output) {
		return new CredentialsParser("helper").parse(output.getBytes(StandardCharsets.UTF_8),
				Instant.parse("2020-01-01T00:00:00Z"));
	}

	private ProcessCredentials resolve(String output) {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.printing(output)).build()) {
			return provider.resolveCredentials();
		}
	}

	private org.assertj.core.api.ThrowableAssertAlternative<CredentialProcessException> assertFailsWith(String output,
			ErrorCode code) {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.printing(output)).build()) {
			return assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code));
		}
	}

}
