package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real helper nobody here wrote: the AWS CLI v2 ({@code aws configure export-credentials --format
 * process}, CLI 2.9 or later) reads a profile from a temporary AWS config directory with no
 * {@code default} profile, so that nothing else could supply the keys, and the sample signs its
 * requests to the embedded S3 server with what it prints. Debian's {@code awscli} package is
 * installed by {@code .ci/run}; without it this test fails, it does not skip. The CLI is called by its
 * full path: a {@code pip}-installed CLI v1 earlier on the {@code PATH} has no
 * {@code export-credentials}.
 */
class AwsCliHelperTests {

	static final Path AWS_CLI = Path.of("/usr/bin/aws");

	/** The embedded S3 server's identity (sample.s3.* in application.yml). */
	private static final String ACCESS_KEY_ID = "AKIADEMOEXAMPLE00001";

	private static final String SECRET_ACCESS_KEY = "demo-secret-access-key-for-the-embedded-s3";

	@TempDir
	Path awsDirectory;

	@BeforeAll
	static void awsCliVersion2Point9OrLaterIsInstalled() throws Exception {
		assertThat(AWS_CLI).as("the AWS CLI v2 at %s: apt-get install awscli (.ci/run installs it)", AWS_CLI)
			.isExecutable();
		Process version = new ProcessBuilder(AWS_CLI.toString(), "--version").redirectErrorStream(true).start();
		assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher matcher = Pattern.compile("aws-cli/(\\d+)\\.(\\d+)").matcher(output);
		assertThat(matcher.find()).as("aws --version says: %s", output).isTrue();
		int major = Integer.parseInt(matcher.group(1));
		int minor = Integer.parseInt(matcher.group(2));
		assertThat(major == 2 && minor >= 9).as("export-credentials needs CLI v2.9 or later, found %s", output)
			.isTrue();
	}

	@Test
	void requestSignedWithTheCredentialsTheCliExportsSucceeds() throws IOException {
		try (ConfigurableApplicationContext sample = startSample(profileWithSecret(SECRET_ACCESS_KEY))) {
			SampleClient client = new SampleClient(port(sample));
			assertThat(client.put("/buckets/from-the-cli", "").ok()).isTrue();
			assertThat(client.put("/buckets/from-the-cli/objects/hello.txt", "hello").ok()).isTrue();
			assertThat(client.get("/buckets/from-the-cli/objects/hello.txt").body()).isEqualTo("hello");
			JsonNode lastRun = client.health().path("details").path("lastRun");
			assertThat(lastRun.path("outcome").asString()).isEqualTo("success");
			// Not asserted, only shown: how long the CLI takes as a helper on this machine.
			LoggerFactory.getLogger(AwsCliHelperTests.class).info("AWS CLI run as the helper took {}", lastRun.path("duration"));
		}
	}

	@Test
	void requestSignedWithAWrongSecretFromTheCliGets403() throws IOException {
		try (ConfigurableApplicationContext sample = startSample(profileWithSecret("a-wrong-secret-in-the-profile"))) {
			SampleClient client = new SampleClient(port(sample));
			SampleClient.Response response = client.put("/buckets/refused", "");
			assertThat(response.status()).isEqualTo(403);
			assertThat(client.json(response).path("error").asString()).isEqualTo("SignatureDoesNotMatch");
		}
	}

	/** A config directory whose only profile, {@code e2e}, holds static keys; no {@code default} profile. */
	private Path profileWithSecret(String secretAccessKey) throws IOException {
		Files.writeString(this.awsDirectory.resolve("config"), "[profile e2e]\nregion = us-east-1\n");
		Files.writeString(this.awsDirectory.resolve("credentials"), "[e2e]\naws_access_key_id = " + ACCESS_KEY_ID
				+ "\naws_secret_access_key = " + secretAccessKey + "\n");
		return this.awsDirectory;
	}

	private static ConfigurableApplicationContext startSample(Path awsDirectory) {
		String environment = "--aws.credential-process.environment.";
		// Command-line arguments: they come before the sample's application.yml, as a deployment's would.
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--aws.credential-process.command=" + AWS_CLI
						+ " configure export-credentials --profile e2e --format process",
				// The CLI takes one to three seconds on a busy machine; the sample's 10 s is too tight for CI.
				"--aws.credential-process.timeout=60s",
				environment + "AWS_CONFIG_FILE=" + awsDirectory.resolve("config"),
				environment + "AWS_SHARED_CREDENTIALS_FILE=" + awsDirectory.resolve("credentials"),
				environment + "AWS_EC2_METADATA_DISABLED=true");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
