package io.github.credentialprocess.awssdk.autoconfigure;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.github.credentialprocess.autoconfigure.AwsClientType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customizer that carries a mapping of {@code aws.credential-process.clients} to a client
 * builder: it sets the provider's credentials, comes first so that a customizer of the user's has
 * the last word, and is a proxy a native image knows.
 */
class ClientCredentialsCustomizerTests {

	private static final AwsCredentialsProvider STORAGE = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIAEXAMPLESTORAGE01", "storage-secret"));

	@Test
	void setsTheProvidersCredentialsOnTheBuilder() {
		S3ClientBuilder builder = S3Client.builder().region(Region.US_EAST_1);
		customizer().customize(builder);
		assertThat(builder.build().serviceClientConfiguration().credentialsProvider()).isSameAs(STORAGE);
	}

	@Test
	void comesFirstAndSaysWhatItIsWithoutASecret() {
		S3ClientCustomizer customizer = customizer();
		assertThat(((Ordered) customizer).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		assertThat(customizer).hasToString("credential process customizer of the s3 clients (provider 'storage')");
	}

	@Test
	void itsProxyIsDeclaredForANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new ClientCustomizerRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(customizer().getClass().getInterfaces()))
			.accepts(hints);
	}

	private static S3ClientCustomizer customizer() {
		return (S3ClientCustomizer) ClientCredentialsCustomizer.of(AwsClientType.S3, "storage", () -> STORAGE,
				ClientCredentialsCustomizerTests.class.getClassLoader());
	}

}
