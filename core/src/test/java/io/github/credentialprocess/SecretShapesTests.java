package io.github.credentialprocess;

import java.util.BitSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link SecretShapes} by name: what a shape masks, and what it leaves alone.
 */
class SecretShapesTests {

	private static final String SECRET = HelperOutputMaskingTests.SHAPED_SECRET;

	private static final String KEY_ID = HelperOutputMaskingTests.SHAPED_KEY_ID;

	@ParameterizedTest
	@ValueSource(strings = { "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA",
			"ASCA", "A3TX" })
	void accessKeyIdOfEveryDocumentedPrefixIsMaskedToItsLastFour(String prefix) {
		String keyId = prefix + "QX7EXAMPLE2WXYZ9";
		assertThat(masked("key " + keyId + ".")).isEqualTo("key ****XYZ9.");
	}

	@Test
	void accessKeyIdInsideALongerWordIsNotOne() {
		assertThat(masked("XASIAQX7EXAMPLE2WXYZ9")).isEqualTo("XASIAQX7EXAMPLE2WXYZ9");
		assertThat(masked("ASIAQX7EXAMPLE2WXYZ90")).isEqualTo("ASIAQX7EXAMPLE2WXYZ90");
	}

	@Test
	void secretAccessKeyIsMaskedWhole() {
		assertThat(masked("got " + SECRET + " ok")).isEqualTo("got **** ok");
	}

	@Test
	void secretAccessKeyWrittenWithJsonEscapesIsMaskedWhole() {
		assertThat(masked("\"" + SECRET.replace("/", "\\/") + "\"")).isEqualTo("\"****\"");
	}

	@Test
	void runOfOtherThanFortyCharactersIsNoSecretKey() {
		String shorter = SECRET.substring(1);
		assertThat(masked(shorter)).isEqualTo(shorter);
		assertThat(masked(SECRET + "A")).isEqualTo(SECRET + "A");
		assertThat(masked(SECRET + "=")).isEqualTo(SECRET + "=");
	}

	@Test
	void longTokenIsMaskedAndAShorterRunIsNot() {
		String token = "A".repeat(SecretShapes.TOKEN_LENGTH - 2) + "-_";
		assertThat(masked("t " + token + " t")).isEqualTo("t **** t");
		String shorter = "B".repeat(SecretShapes.TOKEN_LENGTH - 1);
		assertThat(masked(shorter)).isEqualTo(shorter);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"{\"SecretAccessKey\": \"v4lue\", \"Region\": \"x\"}|{\"SecretAccessKey\": \"****\", \"Region\": \"x\"}",
			"{'SecretAccessKey': 'v4lue'}|{'SecretAccessKey': '****'}",
			"{\"SessionToken\" => \"v4lue\"}|{\"SessionToken\" => \"****\"}",
			"export AWS_SECURITY_TOKEN=v4lue rest|export AWS_SECURITY_TOKEN=**** rest",
			"AWS_SECRET_KEY=\"v 4lue\"|AWS_SECRET_KEY=\"****\"",
			"secret_access_key: v4lue|secret_access_key: ****",
			"aws_session_token = v4lue|aws_session_token = ****",
			"X-Amz-Security-Token: v4lue|X-Amz-Security-Token: ****",
			"{SecretAccessKey:v4lue SessionToken:t0ken}|{SecretAccessKey:**** SessionToken:****}",
			"db.password := v4lue;|db.password := ****;",
			"{\\\"SecretAccessKey\\\": \\\"v4lue\\\"}|{\\\"SecretAccessKey\\\": \\\"****\\\"}",
			"{\"Password\": \"a\\\"b\"}|{\"Password\": \"****\"}",
			"{\\'password\\': \\'v4lue\\'}|{\\'password\\': \\'****\\'}",
			"run \"password=v4lue\" now|run \"password=****\" now",
			"'private-key': 'unclosed|'private-key': '****",
			"password=\"unclosed\\|password=\"****",
			"api_key=v4lue&next=1|api_key=****&next=1",
			"x=passphrase=v4lue|x=passphrase=****",
			"region: eu-west-1|region: eu-west-1",
			"Token has expired|Token has expired" })
	void valueAfterASecretNameIsMaskedInEverySyntax(String text, String expected) {
		assertThat(masked(text)).isEqualTo(expected);
	}

	@Test
	void xmlElementNamedLikeASecretHasItsTextMasked() {
		assertThat(masked("<SecretAccessKey>v4lue</SecretAccessKey><Expiration>2030</Expiration>"))
			.isEqualTo("<SecretAccessKey>****</SecretAccessKey><Expiration>2030</Expiration>");
		assertThat(masked("<SessionToken xmlns=\"x\">v4lue")).isEqualTo("<SessionToken xmlns=\"x\">****");
	}

	@Test
	void jsonWebTokenIsMaskedWhole() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fw";
		assertThat(masked("jwt " + jwt + " end")).isEqualTo("jwt **** end");
		assertThat(masked("eyJab.cd.ef")).isEqualTo("eyJab.cd.ef");
	}

	@Test
	void credentialsOfAnAuthorizationHeaderAreMasked() {
		assertThat(masked("Authorization: Bearer abc.def-123_XYZ")).isEqualTo("Authorization: Bearer ****");
		assertThat(masked("basic dXNlcjpwYXNz=")).isEqualTo("basic ****");
		assertThat(masked("Bearer short")).isEqualTo("Bearer short");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Secret Access Key: v4lue|Secret Access Key: ****",
			"API Key: v4lue|API Key: ****", "the Private Key = v4lue|the Private Key = ****",
			"Public Key: v4lue|Public Key: v4lue", "Key: v4lue|Key: v4lue", "Secret  Key: v4lue|Secret  Key: v4lue",
			"Access Key ID: v4lue|Access Key ID: v4lue", "Session Token: v4lue|Session Token: ****",
			"9 Key: v4lue|9 Key: v4lue", "Secret Some Other Key: v4lue|Secret Some Other Key: v4lue" })
	void nameWrittenAsWordsEndingInKeyIsRecognised(String text, String expected) {
		assertThat(masked(text)).isEqualTo(expected);
	}

	@Test
	void emptyValueMasksNothing() {
		assertThat(masked("password: ")).isEqualTo("password: ");
		assertThat(masked("password=\"\"")).isEqualTo("password=\"\"");
		assertThat(masked("password=\\")).isEqualTo("password=\\");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SecretAccessKey", "aws_session_token", "AWS_SECURITY_TOKEN", "DB_PASSWORD", "passwd",
			"Passphrase", "private.key", "PRIVATE-KEY", "apiKey", "x-api-key" })
	void secretNamesAreRecognisedInAnyCaseAndSeparation(String name) {
		assertThat(SecretShapes.isSecretName(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AccessKeyId", "Region", "Expiration", "AccountId", "role_arn" })
	void otherNamesAreNotSecret(String name) {
		assertThat(SecretShapes.isSecretName(name)).isFalse();
	}

	static String masked(String text) {
		BitSet masked = new BitSet();
		SecretShapes.mark(text, masked);
		return Redactor.render(text, masked);
	}

}
