package io.github.credentialprocess.awssdk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine as a plain Java application uses it, with no Spring anywhere on the class path: build
 * the provider, hand its adapter to the AWS SDK, sign a request, close it. The README's "Without
 * Spring" example does the same.
 */
class WithoutSpringTests {

	private static final Clock SIGNING_CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path folder;

	@Test
	void credentialsFromARealScriptSignAnSdkRequestExactlyAsTheSameStaticCredentialsWould() {
		Path helper = new Scripts(this.folder)
			.printing(Scripts.credentialsJson(Optional.of(Instant.now().plus(Duration.ofHours(1)))));
		SignedRequest signed;
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder()
			.command(List.of(helper.toString(), "--profile", "dev"))
			.timeout(Duration.ofSeconds(30))
			.build()) {
			AwsCredentialsProvider credentials = new CredentialProcessAwsCredentialsProvider(provider);
			// What an SDK client does on every request.
			signed = sign(credentials.resolveIdentity().join());
		}
		SignedRequest expected = sign(
				AwsSessionCredentials.create(Scripts.ACCESS_KEY_ID, Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN));
		assertThat(signed.request().firstMatchingHeader("Authorization")).isPresent()
			.isEqualTo(expected.request().firstMatchingHeader("Authorization"))
			.hasValueSatisfying((authorization) -> assertThat(authorization)
				.startsWith("AWS4-HMAC-SHA256 Credential=" + Scripts.ACCESS_KEY_ID + "/20300101/eu-west-1/s3/aws4_request"));
		assertThat(signed.request().firstMatchingHeader("X-Amz-Security-Token")).contains(Scripts.SESSION_TOKEN);
	}

	private static SignedRequest sign(AwsCredentialsIdentity identity) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.GET)
			.uri(URI.create("https://s3.eu-west-1.amazonaws.com/example-bucket/example-key"))
			.build();
		return AwsV4HttpSigner.create()
			.sign((signing) -> signing.identity(identity)
				.request(request)
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, SIGNING_CLOCK));
	}

}
