package io.github.credentialprocess.awssdk.autoconfigure;

import java.util.ArrayList;
import java.util.List;

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
 * builder: it sets the provider's credentials first, lets a customizer it wraps have the last word,
 * and is a proxy a native image knows.
 */
class ClientCredentialsCustomizerTests {

	private static final AwsCredentialsProvider STORAGE = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIAEXAMPLESTORAGE01", "storage-secret"));

	@Test
	void setsTheProvidersCredentialsOnTheBuilder() {
		S3ClientBuilder builder = S3Client.builder().region(Region.US_EAST_1);
		customizer(null).customize(builder);
		assertThat(builder.build().serviceClientConfiguration().credentialsProvider()).isSameAs(STORAGE);
	}

	@Test
	void aWrappedCustomizerRunsAfterItAndHasTheLastWord() {
		List<String> calls = new ArrayList<>();
		AwsCredentialsProvider users = StaticCredentialsProvider
			.create(AwsBasicCredentials.create("AKIAEXAMPLEUSERS0001", "users-secret"));
		S3ClientCustomizer usersCustomizer = (builder) -> {
			calls.add("user's");
			builder.credentialsProvider(users);
		};
		S3ClientBuilder builder = S3Client.builder().region(Region.US_EAST_1);
		customizer(usersCustomizer).customize(builder);
		assertThat(calls).containsExactly("user's");
		assertThat(builder.build().serviceClientConfiguration().credentialsProvider()).isSameAs(users);
	}

	@Test
	void comesFirstAndSaysWhatItIsWithoutASecret() {
		S3ClientCustomizer customizer = customizer(null);
		assertThat(((Ordered) customizer).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		assertThat(customizer).hasToString("credential process customizer of the s3 clients (provider 'storage')");
	}

	@Test
	void itsProxyIsDeclaredForANativeImage() {
		RuntimeHints hints = new RuntimeHints();
		new ClientCustomizerRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(customizer(null).getClass().getInterfaces()))
			.accepts(hints);
	}

	private static S3ClientCustomizer customizer(S3ClientCustomizer then) {
		return (S3ClientCustomizer) ClientCredentialsCustomizer.of(AwsClientType.S3, "storage", () -> STORAGE, then,
				ClientCredentialsCustomizerTests.class.getClassLoader());
	}

}
