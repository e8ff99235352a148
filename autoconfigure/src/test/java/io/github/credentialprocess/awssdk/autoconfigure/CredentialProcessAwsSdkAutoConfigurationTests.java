package io.github.credentialprocess.awssdk.autoconfigure;

import java.nio.file.Path;
import java.time.Instant;

import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.Reachability;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialProcessAwsSdkAutoConfigurationTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		Path script = new Scripts(this.folder).rotatingCredentials(3600);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessAwsSdkAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.command=" + script);
	}

	@Test
	void runWhenAwsSdkIsPresentShouldCreateAnAwsCredentialsProvider() {
		this.contextRunner.run((context) -> assertThat(context).getBean(AwsCredentialsProvider.class)
			.isInstanceOf(CredentialProcessAwsCredentialsProvider.class));
	}

	@Test
	void runWhenTheProcessReturnsATokenShouldResolveSessionCredentials() {
		this.contextRunner.run((context) -> {
			AwsCredentials credentials = context.getBean(AwsCredentialsProvider.class).resolveCredentials();
			assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class, (session) -> {
				assertThat(session.accessKeyId()).startsWith("AKIDRUN");
				assertThat(session.secretAccessKey()).isEqualTo(Scripts.SECRET_ACCESS_KEY);
				assertThat(session.sessionToken()).isEqualTo(Scripts.SESSION_TOKEN);
				assertThat(session.expirationTime()).hasValueSatisfying((at) -> assertThat(at).isAfter(Instant.now()));
				assertThat(session.accountId()).contains("123456789012");
				assertThat(session.providerName()).contains(CredentialProcessProvider.PROVIDER_NAME);
			});
		});
	}

	@Test
	void runWhenTheProcessReturnsNoTokenShouldResolveBasicCredentials(@TempDir Path other) {
		Path script = new Scripts(other).printing(
				"{\"Version\":1,\"AccessKeyId\":\"AKIDBASIC\",\"SecretAccessKey\":\"basic-secret\",\"AccountId\":\"210987654321\"}");
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script).run((context) -> {
			AwsCredentials credentials = context.getBean(AwsCredentialsProvider.class).resolveCredentials();
			assertThat(credentials).isInstanceOfSatisfying(AwsBasicCredentials.class, (basic) -> {
				assertThat(basic.accessKeyId()).isEqualTo("AKIDBASIC");
				assertThat(basic.accountId()).contains("210987654321");
				assertThat(basic.providerName()).contains(CredentialProcessProvider.PROVIDER_NAME);
			});
		});
	}

	@Test
	void runWhenCredentialsAreUnchangedShouldReturnTheSameSdkObject() {
		this.contextRunner.run((context) -> {
			AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
			assertThat(provider.resolveCredentials()).isSameAs(provider.resolveCredentials());
		});
	}

	@Test
	void runWhenTheContextStopsShouldHoldNoSdkCredentialsAnywhere() {
		this.contextRunner.run((context) -> {
			AwsCredentialsProvider adapter = context.getBean(AwsCredentialsProvider.class);
			CredentialProcessProvider provider = context.getBean(CredentialProcessProvider.class);
			adapter.resolveCredentials();
			assertThat(Reachability.instancesOf(AwsCredentials.class, provider)).as("before the stop").isNotEmpty();
			context.stop();
			assertThat(Reachability.instancesOf(AwsCredentials.class, provider)).isEmpty();
			assertThat(Reachability.instancesOf(AwsCredentials.class, adapter)).isEmpty();
		});
	}

	@Test
	void runWhenAwsSdkIsAbsentShouldNotCreateAnAwsCredentialsProvider() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsCredentialsProvider.class))
			.run((context) -> assertThat(context).hasSingleBean(CredentialProcessProvider.class)
				.doesNotHaveBean(CredentialProcessAwsCredentialsProvider.class));
	}

	@Test
	void runWhenUserDefinesAnAwsCredentialsProviderShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserAwsCredentialsProviderConfiguration.class)
			.run((context) -> assertThat(context).getBean(AwsCredentialsProvider.class)
				.isInstanceOf(AnonymousCredentialsProvider.class));
	}

	@Test
	void runWhenNoCredentialProcessIsConfiguredShouldNotCreateAnAwsCredentialsProvider() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessAwsSdkAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AwsCredentialsProvider.class));
	}

	@Test
	void runWithSpringCloudAwsShouldMakeItsClientsUseTheProcessCredentials() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RegionProviderAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class))
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsCredentialsProvider.class);
				assertThat(context.getBean(AwsCredentialsProvider.class))
					.isInstanceOf(CredentialProcessAwsCredentialsProvider.class);
				assertThat(context.getBean(AwsCredentialsProvider.class).resolveCredentials().accessKeyId())
					.startsWith("AKIDRUN");
			});
	}

	@Test
	void runWithSpringCloudAwsButNoCredentialProcessShouldLeaveSpringCloudAwsInCharge() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessAwsSdkAutoConfiguration.class, RegionProviderAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class))
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1")
			.run((context) -> assertThat(context).hasSingleBean(AwsCredentialsProvider.class)
				.doesNotHaveBean(CredentialProcessAwsCredentialsProvider.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAwsCredentialsProviderConfiguration {

		@Bean
		AwsCredentialsProvider userCredentialsProvider() {
			return AnonymousCredentialsProvider.create();
		}

	}

}
