package io.github.credentialprocess.sample;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded, signature-checking S3 server of the {@code aws-s3:} import tests, holding
 * {@code config/app.properties} ({@code greeting=hello from S3}) and knowing one key pair: the one
 * {@code credential-process-demo.sh} prints by default.
 */
final class S3ConfigBucket {

	static final String ACCESS_KEY_ID = "AKIADEMOEXAMPLE00001";

	static final String SECRET_ACCESS_KEY = "demo-secret-access-key-for-the-embedded-s3";

	private S3ConfigBucket() {
	}

	/**
	 * Starts the server and puts the properties file in it.
	 * @return the running server; {@link EmbeddedS3Server#destroy()} stops it
	 */
	static EmbeddedS3Server start() throws Exception {
		EmbeddedS3Server s3 = new EmbeddedS3Server(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
		try (S3Client admin = S3Client.builder()
			.endpointOverride(s3.endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
			.build()) {
			admin.createBucket((bucket) -> bucket.bucket("config"));
			admin.putObject((object) -> object.bucket("config").key("app.properties").contentType("text/plain"),
					RequestBody.fromString("greeting=hello from S3\n"));
		}
		return s3;
	}

}
