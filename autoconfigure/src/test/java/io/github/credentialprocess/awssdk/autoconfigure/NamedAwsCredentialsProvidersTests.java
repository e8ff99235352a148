package io.github.credentialprocess.awssdk.autoconfigure;

import java.nio.file.Path;
import java.util.Optional;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.github.credentialprocess.Scripts;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A named provider's {@code AwsCredentialsProvider} bean, and Spring Cloud AWS clients mapped to a
 * provider by {@code aws.credential-process.clients}.
 */
class NamedAwsCredentialsProvidersTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		Path script = new Scripts(this.folder).printing(Scripts.credentialsJson(Optional.empty()));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CredentialProcessAutoConfiguration.class,
					CredentialProcessAwsSdkAutoConfiguration.class, CredentialProcessClientsAutoConfiguration.class,
					CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
			.withPropertyValues("aws.credential-process.providers.billing.command=" + script,
					"spring.cloud.aws.region.static=us-east-1");
	}

	@Test
	void runWhenANamedProviderExistsShouldInjectItsAwsCredentialsProviderWithItsQualifier() {
		this.contextRunner.withUserConfiguration(QualifiedInjection.class)
			.run((context) -> assertThat(context.getBean(QualifiedInjection.class).billing)
				.isSameAs(context.getBean("billingCredentialProcessAwsCredentialsProvider")));
	}

	@Test
	void runWhenOnlyNamedProvidersExistShouldLeaveSpringCloudAwsItsOwnCredentials() {
		this.contextRunner.run((context) -> assertThat(context.getBean(AwsCredentialsProvider.class))
			.isNotInstanceOf(CredentialProcessAwsCredentialsProvider.class));
	}

	@Test
	void runWhenTheUserReplacesANamedProviderItStaysThatNamedProviderAndNeverBecomesTheDefault() {
		this.contextRunner.withUserConfiguration(UsersBillingProvider.class).run((context) -> {
			assertThat(context).hasNotFailed();
			// Spring Cloud AWS keeps its own credentials, as with the starter's own named provider.
			assertThat(context.getBean(AwsCredentialsProvider.class))
				.isNotInstanceOf(CredentialProcessAwsCredentialsProvider.class);
			assertThat(context).doesNotHaveBean("credentialProcessAwsCredentialsProvider");
			assertThat(context.getBean("billingCredentialProcessAwsCredentialsProvider"))
				.isInstanceOf(CredentialProcessAwsCredentialsProvider.class);
			assertThat(io.github.credentialprocess.autoconfigure.CredentialProcessProviders.of(context))
				.containsOnlyKeys("billing")
				.containsEntry("billing", context.getBean("billingCredentialProcessProvider",
						io.github.credentialprocess.CredentialProcessProvider.class));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersBillingProvider {

		@Bean(destroyMethod = "close")
		io.github.credentialprocess.CredentialProcessProvider billingCredentialProcessProvider() {
			return io.github.credentialprocess.CredentialProcessProvider.builder()
				.command(java.util.List.of("/bin/true"))
				.build();
		}

	}

	@Test
	void runWhenTheUserReplacesANamedProvidersAwsCredentialsProviderTheDefaultStillSignsWithTheProcess() {
		Path script = new Scripts(this.folder).printing(Scripts.credentialsJson(Optional.empty()));
		this.contextRunner.withPropertyValues("aws.credential-process.command=" + script)
			.withUserConfiguration(UsersBillingAwsCredentialsProvider.class)
			.run((context) -> {
				assertThat(context.getBean(AwsCredentialsProvider.class))
					.isInstanceOf(CredentialProcessAwsCredentialsProvider.class);
				assertThat(context.getBean("billingCredentialProcessAwsCredentialsProvider"))
					.isSameAs(UsersBillingAwsCredentialsProvider.PROVIDER);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersBillingAwsCredentialsProvider {

		static final AwsCredentialsProvider PROVIDER = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
			.create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDUSER", "user-secret"));

		@Bean
		AwsCredentialsProvider billingCredentialProcessAwsCredentialsProvider() {
			return PROVIDER;
		}

	}

	@Test
	void runWhenS3IsMappedShouldCustomizeS3ClientsWithTheProvidersCredentials() {
		this.contextRunner.withPropertyValues("aws.credential-process.clients.s3=billing").run((context) -> {
			S3ClientBuilder builder = S3Client.builder().region(Region.US_EAST_1);
			context.getBeanProvider(S3ClientCustomizer.class).orderedStream().forEach((c) -> c.customize(builder));
			try (S3Client client = builder.build()) {
				assertThat(client.serviceClientConfiguration().credentialsProvider())
					.isSameAs(context.getBean("billingCredentialProcessAwsCredentialsProvider"));
			}
		});
	}

	@Test
	void runWhenS3IsMappedShouldLetTheUsersOwnCustomizerRunAfterIt() {
		this.contextRunner.withPropertyValues("aws.credential-process.clients.s3=billing")
			.withUserConfiguration(UserCustomizer.class)
			.run((context) -> {
				S3ClientBuilder builder = S3Client.builder().region(Region.US_EAST_1);
				context.getBeanProvider(S3ClientCustomizer.class).orderedStream().forEach((c) -> c.customize(builder));
				try (S3Client client = builder.build()) {
					assertThat(client.serviceClientConfiguration().credentialsProvider())
						.isSameAs(UserCustomizer.CREDENTIALS);
				}
			});
	}

	@Test
	void runWhenS3IsNotMappedShouldNotCustomizeS3Clients() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(S3ClientCustomizer.class));
	}

	@Test
	void runWhenTheS3ModuleIsAbsentShouldNotCustomizeS3Clients() {
		this.contextRunner.withPropertyValues("aws.credential-process.clients.s3=billing")
			.withClassLoader(new FilteredClassLoader(S3ClientBuilder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(S3ClientCustomizer.class));
	}

	@Test
	void runWhenSpringCloudAwsIsAbsentShouldNotCustomizeAnyClient() {
		this.contextRunner.withPropertyValues("aws.credential-process.clients.s3=billing")
			.withClassLoader(new FilteredClassLoader(AwsClientCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CredentialProcessClientsAutoConfiguration.class));
	}

	static class QualifiedInjection {

		final AwsCredentialsProvider billing;

		QualifiedInjection(@Qualifier("billing") AwsCredentialsProvider billing) {
			this.billing = billing;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		static final AwsCredentialsProvider CREDENTIALS = software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider
			.create();

		@Bean
		@Order(0)
		S3ClientCustomizer userS3ClientCustomizer() {
			return (builder) -> builder.credentialsProvider(CREDENTIALS);
		}

	}

}
