package io.github.credentialprocess.sample;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sample's S3 client goes, under {@code sample.s3}.
 *
 * @param endpoint {@code embedded} to start the embedded S3 server and use it; a URL to use another
 * S3-compatible server; unset for real AWS
 * @param region the AWS region
 * @param accessKeyId the only access key id the embedded server accepts: the demo process's
 * @param secretAccessKey the secret the embedded server checks signatures with: the demo process's
 */
@ConfigurationProperties("sample.s3")
public record SampleS3Properties(String endpoint, String region, String accessKeyId, String secretAccessKey) {

	static final String EMBEDDED = "embedded";

	boolean embedded() {
		return EMBEDDED.equals(this.endpoint);
	}

	/** The endpoint to override the SDK's with, or {@code null} for real AWS. */
	URI endpointOverride(EmbeddedS3Server embeddedServer) {
		if (embedded()) {
			return embeddedServer.endpoint();
		}
		return (this.endpoint != null && !this.endpoint.isBlank()) ? URI.create(this.endpoint) : null;
	}

}
