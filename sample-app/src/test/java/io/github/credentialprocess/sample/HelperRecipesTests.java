package io.github.credentialprocess.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ErrorCode;
import io.github.credentialprocess.ProcessCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's wrapper for a helper whose output is not the credential_process JSON
 * (gimme-aws-creds), run as the README prints it, with Debian's {@code jq}, against a stand-in that
 * prints what gimme-aws-creds' code prints: its JSON with {@code --output-format json} (a Python
 * {@code isoformat()} expiration, with {@code +00:00}), shell exports otherwise. {@code .ci/run}
 * installs {@code jq}; without it this test fails, it does not skip.
 */
class HelperRecipesTests {

	private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

	private static final Path JQ = Path.of("/usr/bin/jq");

	private static final Pattern GIMME_WRAPPER = Pattern.compile("The gimme-aws-creds wrapper.*?```sh\\n(.*?)\\n```",
			Pattern.DOTALL);

	/** What gimme-aws-creds prints for one role (gimme_aws_creds/main.py), the expiration an hour ahead. */
	private static final String GIMME_JSON = "{\"shared_credentials_file\": \"/root/.aws/credentials\", "
			+ "\"profile\": {\"name\": \"dev\", \"derived_name\": \"app\", \"config_name\": \"\"}, "
			+ "\"role\": {\"arn\": \"arn:aws:iam::123456789012:role/app\", \"name\": \"arn:aws:iam::123456789012:role/app\", "
			+ "\"friendly_name\": \"app\", \"friendly_account_name\": \"dev\"}, "
			+ "\"credentials\": {\"aws_access_key_id\": \"ASIAGIMMEEXAMPLE0001\", "
			+ "\"aws_secret_access_key\": \"gimme-secret-access-key-example-000000001\", "
			+ "\"aws_session_token\": \"gimme-session-token-example\", \"aws_security_token\": \"gimme-session-token-example\", "
			+ "\"expiration\": \"'$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%S+00:00)'\"}}";

	@TempDir
	Path folder;

	@BeforeAll
	static void jqIsInstalled() {
		assertThat(JQ).as("jq at %s: apt-get install jq (.ci/run installs it)", JQ).isExecutable();
	}

	@Test
	void gimmeAwsCredsWrapperFromTheReadmeGivesTheRolesCredentials() throws IOException {
		Object outcome = resolveThroughTheReadmesWrapper(
				"if [ \"$*\" != '--profile dev --roles arn:aws:iam::123456789012:role/app --output-format json' ]; then\n"
						+ "  echo \"export AWS_ACCESS_KEY_ID=ASIAGIMMEEXAMPLE0001\"; exit 0\nfi\n"
						+ "echo '" + GIMME_JSON + "'");
		assertThat(outcome).isInstanceOfSatisfying(ProcessCredentials.class, (credentials) -> {
			assertThat(credentials.accessKeyId()).isEqualTo("ASIAGIMMEEXAMPLE0001");
			assertThat(credentials.sessionToken()).isEqualTo("gimme-session-token-example");
			assertThat(credentials.expiration()).hasValueSatisfying((expiration) -> assertThat(expiration)
				.isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(50))));
		});
	}

	@Test
	void gimmeAwsCredsWrapperFromTheReadmeFailsWhenGimmeAwsCredsPrintsNothing() throws IOException {
		Object outcome = resolveThroughTheReadmesWrapper("echo 'Okta: authentication failed' >&2\nexit 1");
		assertThat(outcome).isInstanceOfSatisfying(CredentialProcessException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION));
	}

	@Test
	void gimmeAwsCredsWrapperFromTheReadmeFailsWhenARoleGetsNoCredentials() throws IOException {
		// What gimme-aws-creds prints, with exit code 0, for a role STS refused (prepare_data).
		Object outcome = resolveThroughTheReadmesWrapper(
				"echo 'An error occurred (AccessDenied) when calling AssumeRoleWithSAML' >&2\n"
						+ "echo '{\"role\": {\"arn\": \"arn:aws:iam::123456789012:role/app\"}, \"credentials\": {}}'");
		assertThat(outcome).isInstanceOfSatisfying(CredentialProcessException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION));
	}

	/** Runs the README's wrapper with a gimme-aws-creds stand-in of this body on its PATH. */
	private Object resolveThroughTheReadmesWrapper(String standInBody) throws IOException {
		Path wrapper = wrapperFromTheReadme();
		Path bin = gimmeStandIn(standInBody);
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder()
			.command(List.of(wrapper.toString()))
			.environment(Map.of("PATH", bin + ":/usr/bin:/bin"))
			.build()) {
			return provider.resolveCredentials();
		}
		catch (CredentialProcessException ex) {
			return ex;
		}
	}

	private Path wrapperFromTheReadme() throws IOException {
		Matcher block = GIMME_WRAPPER.matcher(Files.readString(README));
		assertThat(block.find()).as("README.md: the gimme-aws-creds wrapper's sh block").isTrue();
		return ownersOnly(Files.writeString(this.folder.resolve("gimme-process"), block.group(1) + "\n"));
	}

	private Path gimmeStandIn(String body) throws IOException {
		Path bin = ownersOnly(Files.createDirectories(this.folder.resolve("bin")));
		ownersOnly(Files.writeString(bin.resolve("gimme-aws-creds"), "#!/bin/sh\n" + body + "\n"));
		return bin;
	}

	/** Not writable by others: the starter warns about a helper that others could change. */
	private static Path ownersOnly(Path path) throws IOException {
		return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
	}

}
