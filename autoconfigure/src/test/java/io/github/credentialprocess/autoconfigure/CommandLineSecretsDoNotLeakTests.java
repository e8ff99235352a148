package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.LogCapture;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.actuate.CredentialProcessEndpoint;
import io.github.credentialprocess.actuate.CredentialProcessEndpointAutoConfiguration;
import io.github.credentialprocess.awssdk.autoconfigure.CredentialProcessAwsSdkAutoConfiguration;
import io.github.credentialprocess.health.CredentialProcessHealthContributorAutoConfiguration;
import io.github.credentialprocess.health.CredentialProcessHealthIndicator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A secret written into the command line itself, where the executable's name is taken from: a
 * passphrase handed to the helper as a leading assignment, in every way a shell allows, a command
 * line with an unbalanced quote, and an {@code argv[0]} that holds a whole command line. The name
 * shows in the startup log, every error and WARN line, {@code toString()}, health and the endpoint;
 * none of them may show the secret.
 */
class CommandLineSecretsDoNotLeakTests {

	private static final String SECRET = "cmdline-marker-5c4b3a2f1e";

	@TempDir
	Path folder;

	static Stream<Arguments> commandLines() {
		return Stream.of(Arguments.of("assignment", "HELPER_PASSPHRASE=" + SECRET + " {helper} --json"),
				Arguments.of("after another assignment", "A=1 HELPER_PASSPHRASE=" + SECRET + " {helper} --json"),
				Arguments.of("single-quoted value", "HELPER_PASSPHRASE='" + SECRET + "' {helper} --json"),
				Arguments.of("double-quoted value", "HELPER_PASSPHRASE=\"" + SECRET + "\" {helper} --json"),
				Arguments.of("quoted assignment", "'HELPER_PASSPHRASE=" + SECRET + "' {helper} --json"),
				Arguments.of("unbalanced leading quote", "'{helper} --password " + SECRET));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("commandLines")
	void secretInTheCommandLineShowsNowhere(String shape, String commandLine) {
		String command = commandLine.replace("{helper}", failingHelper().toString());
		assertNothingShowsTheSecret(contextRunner().withPropertyValues("aws.credential-process.command=" + command));
	}

	@ParameterizedTest(name = "argv[0] holding a whole command line: {0}")
	@MethodSource("commandLines")
	void wholeCommandLineInArgvZeroShowsNowhere(String shape, String commandLine) {
		String command = commandLine.replace("{helper}", failingHelper().toString());
		assertNothingShowsTheSecret(contextRunner().withPropertyValues("aws.credential-process.argv[0]=" + command));
	}

	private Path failingHelper() {
		return new Scripts(this.folder).script("echo 'helper failed' >&2\nexit 1");
	}

	private static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessAwsSdkAutoConfiguration.class,
					CredentialProcessHealthContributorAutoConfiguration.class,
					CredentialProcessEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=credentialprocess");
	}

	private static void assertNothingShowsTheSecret(ApplicationContextRunner runner) {
		List<String> shown = new ArrayList<>();
		try (LogCapture logs = LogCapture.everything()) {
			runner.run((context) -> {
				assertThat(context).hasNotFailed();
				CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
				CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class,
						provider::resolveCredentials);
				assertThat(failure).as("the helper fails").isNotNull();
				shown.add(failure.getMessage());
				shown.add(provider.toString());
				shown.add(provider.status().toString());
				shown.add(context.getBean(AwsCredentialsProvider.class).toString());
				shown.add(context.getBean(CredentialProcessHealthIndicator.class).health().toString());
				shown.add(context.getBean(CredentialProcessEndpoint.class).state().toString());
				shown.add(context.getBean(CredentialProcessEndpoint.class).refresh().toString());
			});
			shown.addAll(logs.lines());
		}
		assertThat(shown).isNotEmpty().allSatisfy((text) -> assertThat(text).doesNotContain(SECRET, SECRET.substring(SECRET.length() - 10)));
	}

}
