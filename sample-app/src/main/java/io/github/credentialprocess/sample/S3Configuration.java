package io.github.credentialprocess.sample;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 client, signed with the starter's {@link AwsCredentialsProvider}: the only line that ties
 * it to the credential process.
 */
@Configuration(proxyBeanMethods = false)
class S3Configuration {

	@Bean
	@ConditionalOnProperty(name = "sample.s3.endpoint", havingValue = SampleS3Properties.EMBEDDED)
	EmbeddedS3Server embeddedS3Server(SampleS3Properties properties) throws Exception {
		return new EmbeddedS3Server(properties.accessKeyId(), properties.secretAccessKey());
	}

	@Bean
	S3Client s3Client(AwsCredentialsProvider credentialsProvider, SampleS3Properties properties,
			ObjectProvider<EmbeddedS3Server> embeddedServer) {
		S3ClientBuilder builder = S3Client.builder()
			.credentialsProvider(credentialsProvider)
			.region(Region.of(properties.region()));
		java.net.URI endpoint = properties.endpointOverride(embeddedServer.getIfAvailable());
		if (endpoint != null) {
			builder.endpointOverride(endpoint).forcePathStyle(true);
		}
		return builder.build();
	}

}
