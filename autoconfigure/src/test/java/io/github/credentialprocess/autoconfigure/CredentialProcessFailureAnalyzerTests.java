package io.github.credentialprocess.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start with a bad property: Spring Boot finds the analyzer through
 * {@code META-INF/spring.factories} and prints its description and action instead of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialProcessFailureAnalyzerTests {

	@Test
	void startupWithAnInvalidPropertyPrintsTheDescriptionAndTheAction(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--aws.credential-process.command=/bin/true",
				"--aws.credential-process.max-buffer-size=10B"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid credential process configuration: aws.credential-process.max-buffer-size is 10B")
			.contains("Action:")
			.contains("Set aws.credential-process.max-buffer-size to at least 64B");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CredentialProcessAutoConfiguration.class)
	static class MinimalApplication {

	}

}
