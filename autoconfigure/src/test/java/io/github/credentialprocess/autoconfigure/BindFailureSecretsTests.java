package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.credentialprocess.Scripts;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A value of {@code command}, {@code argv} or {@code environment} that cannot be bound stops the
 * startup with a failure analysis that names the property and says what shape it takes, never
 * showing the value: Spring Boot's own analysis of a bind failure prints it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BindFailureSecretsTests {

	private static final String PASSPHRASE = "vault-passphrase-4f2a9c";

	@TempDir
	Path folder;

	@ParameterizedTest
	@ValueSource(strings = { "aws.credential-process.environment", "aws.credential-process.providers.billing.environment" })
	void anEnvironmentWrittenAsOneStringStopsTheStartupWithoutShowingIt(String property, CapturedOutput output) {
		String prefix = property.substring(0, property.length() - "environment".length());
		Throwable failure = catchThrowable(() -> new SpringApplication(TestWebApplication.class)
			.run("--spring.main.web-application-type=none", "--" + prefix + "command=" + helper(),
					"--" + property + "=HELPER_TOKEN=" + PASSPHRASE)
			.close());
		assertThat(failure).isNotNull();
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains(property)
			.contains("NAME: value")
			.doesNotContain(PASSPHRASE);
	}

	private String helper() {
		return new Scripts(this.folder).printingCredentialsExpiringAt(Instant.now().plus(1, ChronoUnit.HOURS)).toString();
	}

}
