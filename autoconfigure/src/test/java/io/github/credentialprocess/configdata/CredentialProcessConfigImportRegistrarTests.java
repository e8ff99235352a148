package io.github.credentialprocess.configdata;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar steps aside, at the cost of two class look-ups, unless both Spring Cloud AWS and
 * the AWS SDK are there. What it does with them is proven end to end, against a signature-checking
 * S3 server, by the sample app's {@code ConfigImportTests}.
 */
class CredentialProcessConfigImportRegistrarTests {

	@Test
	void withSpringCloudAwsAndTheAwsSdkItApplies() {
		assertThat(registrarSeeing(getClass().getClassLoader()).isApplicable()).isTrue();
	}

	@Test
	void withoutSpringCloudAwsItDoesNothing() {
		assertThat(registrarSeeing(new FilteredClassLoader("io.awspring.cloud")).isApplicable()).isFalse();
	}

	@Test
	void withoutTheAwsSdkItDoesNothing() {
		assertThat(registrarSeeing(new FilteredClassLoader("software.amazon.awssdk.auth")).isApplicable()).isFalse();
	}

	private static CredentialProcessConfigImportRegistrar registrarSeeing(ClassLoader classLoader) {
		return new CredentialProcessConfigImportRegistrar(new DefaultResourceLoader(classLoader));
	}

}
