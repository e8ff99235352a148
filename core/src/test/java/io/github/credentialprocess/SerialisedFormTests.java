package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public type of ours handed to Jackson (a controller returning it, a debug dump) writes no secret
 * and no whole access key id, under Jackson 3 and Jackson 2 alike.
 */
class SerialisedFormTests {

	private static final ProcessCredentials CREDENTIALS = new ProcessCredentials(Scripts.ACCESS_KEY_ID,
			Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN, Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
			Optional.of("123456789012"), Optional.of("eu-west-1"), Instant.parse("2029-12-31T23:00:00Z"));

	static List<Object> publicValues() {
		CredentialProcessStatus status = new CredentialProcessStatus(Instant.now(), "helper ** arguments redacted **",
				Optional.of(CREDENTIALS.maskedAccessKeyId()), Optional.of(CREDENTIALS.fetchedAt()),
				CREDENTIALS.expiration(), Optional.of(new Run(Trigger.MANUAL, Duration.ofMillis(5), Optional.empty(),
						Instant.now())), 0, Optional.empty());
		return List.of(CREDENTIALS, status,
				new CredentialProcessException(ErrorCode.PARSE, "The output of credential process 'helper' is empty"));
	}

	@ParameterizedTest
	@MethodSource("publicValues")
	void jackson3WritesNoSecret(Object value) {
		String json = JsonMapper.builder().build().writeValueAsString(value);
		assertNoSecretIn(json);
	}

	@ParameterizedTest
	@MethodSource("publicValues")
	void jackson2WritesNoSecret(Object value) throws Exception {
		String json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.addModule(new Jdk8Module())
			.build()
			.writeValueAsString(value);
		assertNoSecretIn(json);
	}

	@org.junit.jupiter.api.Test
	void credentialsAreWrittenWithTheirKeyIdMasked() {
		assertThat(JsonMapper.builder().build().writeValueAsString(CREDENTIALS)).contains("\"maskedAccessKeyId\":\"****2345\"")
			.contains("\"accountId\":\"123456789012\"");
	}

	private static void assertNoSecretIn(String json) {
		assertThat(json).isNotBlank();
		Leaks.assertNoneShown(json, Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN);
		assertThat(json).doesNotContain(Scripts.ACCESS_KEY_ID);
	}

}
