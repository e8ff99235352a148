package io.github.credentialprocess.sample;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded, signature-checking S3 server of the {@code aws-s3:} import tests, for a test class
 * ({@code @RegisterExtension static}): it holds {@code config/app.properties}
 * ({@code greeting=hello from S3}) and knows one key pair, the one {@code credential-process-demo.sh}
 * prints by default.
 */
final class S3ConfigBucket implements BeforeAllCallback, AfterAllCallback {

	static final String ACCESS_KEY_ID = "AKIADEMOEXAMPLE00001";

	static final String SECRET_ACCESS_KEY = "demo-secret-access-key-for-the-embedded-s3";

	private EmbeddedS3Server s3;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.s3 = new EmbeddedS3Server(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
		try (S3Client admin = S3Client.builder()
			.endpointOverride(this.s3.endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
			.build()) {
			admin.createBucket((bucket) -> bucket.bucket("config"));
			admin.putObject((object) -> object.bucket("config").key("app.properties").contentType("text/plain"),
					RequestBody.fromString("greeting=hello from S3\n"));
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.s3.destroy();
	}

	URI endpoint() {
		return this.s3.endpoint();
	}

}
