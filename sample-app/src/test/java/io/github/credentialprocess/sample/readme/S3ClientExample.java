package io.github.credentialprocess.sample.readme;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.context.annotation.Bean;

// The README's bean example ("Add it to your application"), compiled here; not a @Configuration, so
// that the sample's tests do not pick it up. ReadmeExamplesTests checks that the README shows it.
class S3ClientExample {

	@Bean
	S3Client s3(AwsCredentialsProvider credentials) {
		return S3Client.builder().credentialsProvider(credentials).region(Region.EU_WEST_1).build();
	}

}
