package io.github.credentialprocess.sample.readme;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

// The README's example in "Testing your own application", as a user copies it (ReadmeExamplesTests
// checks that the README shows this class as written here), run against the sample application.
@SpringBootTest(properties = "aws.credential-process.enabled=false")
class MyApplicationTests {

	@TestConfiguration
	static class FixedCredentials {

		@Bean
		AwsCredentialsProvider awsCredentialsProvider() {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "test-secret"));
		}

	}

	@Autowired
	AwsCredentialsProvider credentials;

	@Test
	void applicationSignsWithTheFixedCredentialsAndRunsNoHelper() {
		assertThat(this.credentials.resolveCredentials().accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
	}

}
