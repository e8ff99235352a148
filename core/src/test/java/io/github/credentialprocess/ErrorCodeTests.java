package io.github.credentialprocess;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTests {

	@Test
	void codesTheGoSdkKnowsCarryItsErrorCode() {
		assertThat(ErrorCode.EXECUTION.awsCode()).contains("ProcessProviderExecutionError");
		assertThat(ErrorCode.PARSE.awsCode()).contains("ProcessProviderParseError");
		assertThat(ErrorCode.VERSION.awsCode()).contains("ProcessProviderVersionError");
		assertThat(ErrorCode.REQUIRED.awsCode()).contains("ProcessProviderRequiredError");
	}

	@Test
	void codesTheGoSdkLacksHaveNone() {
		assertThat(ErrorCode.TIMEOUT.awsCode()).isEmpty();
		assertThat(ErrorCode.OUTPUT_LIMIT.awsCode()).isEmpty();
		assertThat(ErrorCode.EXPIRED.awsCode()).isEmpty();
	}

	@Test
	void exceptionMessageStartsWithTheCode() {
		assertThat(new CredentialProcessException(ErrorCode.TIMEOUT, "took too long"))
			.hasMessage("[TIMEOUT] took too long");
	}

}
