package io.github.credentialprocess.sample.readme;

// The README's plain-Java example ("Without Spring"), compiled here; ReadmeExamplesTests checks that
// the README shows it as written here.
import java.time.Duration;
import java.util.List;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

public class ListBuckets {

	public static void main(String[] args) {
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder()
				.command(List.of("/usr/local/bin/get-credentials", "--profile", "dev"))  // no shell
				.timeout(Duration.ofSeconds(30))
				.build();
			 S3Client s3 = S3Client.builder()
				.credentialsProvider(new CredentialProcessAwsCredentialsProvider(provider))
				.region(Region.EU_WEST_1)
				.build()) {
			s3.listBuckets().buckets().forEach((bucket) -> System.out.println(bucket.name()));
		}
	}

}
