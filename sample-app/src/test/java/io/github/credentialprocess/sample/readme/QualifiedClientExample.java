package io.github.credentialprocess.sample.readme;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * The several-identities example of the README and docs/several-identities.md: an SDK client of
 * the application's own that signs as the named provider {@code audit}. Not a
 * {@code @Configuration}, so that the sample's tests do not pick it up; ReadmeExamplesTests checks
 * that the documents show it.
 */
class QualifiedClientExample {

	@Bean
	S3Client auditBucket(@Qualifier("audit") AwsCredentialsProvider credentials) {
		return S3Client.builder().credentialsProvider(credentials).build();
	}

}
