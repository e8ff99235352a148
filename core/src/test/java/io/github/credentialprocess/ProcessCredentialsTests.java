package io.github.credentialprocess;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProcessCredentialsTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	@Test
	void toStringMasksTheAccessKeyIdAndHidesTheSecretAndToken() {
		ProcessCredentials credentials = new ProcessCredentials(Scripts.ACCESS_KEY_ID, Scripts.SECRET_ACCESS_KEY,
				Scripts.SESSION_TOKEN, Optional.of(NOW), Optional.of("123456789012"), Optional.empty(), NOW);
		assertThat(credentials.toString()).contains("accessKeyId=****2345")
			.doesNotContain(Scripts.ACCESS_KEY_ID)
			.doesNotContain(Scripts.SECRET_ACCESS_KEY)
			.doesNotContain(Scripts.SESSION_TOKEN)
			.contains("sessionToken=****");
	}

	@Test
	void toStringSaysWhenThereIsNoSessionToken() {
		ProcessCredentials credentials = new ProcessCredentials(Scripts.ACCESS_KEY_ID, Scripts.SECRET_ACCESS_KEY, null,
				Optional.empty(), Optional.empty(), Optional.empty(), NOW);
		assertThat(credentials.toString()).contains("sessionToken=none").contains("expiration=none");
	}

	@Test
	void maskedAccessKeyIdShowsTheLastFourCharacters() {
		assertThat(credentials("AKIAIOSFODNN7EXAMPLE").maskedAccessKeyId()).isEqualTo("****MPLE");
	}

	@Test
	void maskedAccessKeyIdOfAShortKeyShowsAtMostHalfOfIt() {
		assertThat(credentials("AKID").maskedAccessKeyId()).isEqualTo("****ID");
		assertThat(credentials("A").maskedAccessKeyId()).isEqualTo("****");
	}

	@Test
	void accountIdOtherThanTwelveDigitsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProcessCredentials("AKID", "SECRET", null, Optional.empty(),
					Optional.of("12345678901"), Optional.empty(), NOW))
			.withMessageContaining("12 digits");
	}

	@Test
	void emptySessionTokenBecomesNull() {
		ProcessCredentials credentials = new ProcessCredentials("AKID", "SECRET", "", Optional.empty(),
				Optional.empty(), Optional.empty(), NOW);
		assertThat(credentials.sessionToken()).isNull();
	}

	private static ProcessCredentials credentials(String accessKeyId) {
		return new ProcessCredentials(accessKeyId, "SECRET", null, Optional.empty(), Optional.empty(),
				Optional.empty(), NOW);
	}

}
