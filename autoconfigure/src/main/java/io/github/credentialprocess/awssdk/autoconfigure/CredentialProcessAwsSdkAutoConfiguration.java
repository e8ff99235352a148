package io.github.credentialprocess.awssdk.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of an AWS SDK for Java v2 {@link AwsCredentialsProvider} bean per
 * {@link CredentialProcessProvider}. The default provider's runs before Spring Cloud AWS's
 * credentials auto-configuration, which then steps aside, so every Spring Cloud AWS client uses it
 * too. A named provider's ({@link NamedAwsCredentialsProviderRegistrar}) is injected only with its
 * qualifier: with only named providers, Spring Cloud AWS keeps its own credentials.
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class,
		beforeName = "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration")
@ConditionalOnClass(AwsCredentialsProvider.class)
@ConditionalOnCredentialProcessProvider
@Import(NamedAwsCredentialsProviderRegistrar.class)
public final class CredentialProcessAwsSdkAutoConfiguration {

	CredentialProcessAwsSdkAutoConfiguration() {
	}

	@Bean
	@ConditionalOnBean(CredentialProcessProvider.class)
	@Conditional(OnMissingDefaultAwsCredentialsProviderCondition.class)
	CredentialProcessAwsCredentialsProvider credentialProcessAwsCredentialsProvider(CredentialProcessProvider provider) {
		return new CredentialProcessAwsCredentialsProvider(provider);
	}

}
