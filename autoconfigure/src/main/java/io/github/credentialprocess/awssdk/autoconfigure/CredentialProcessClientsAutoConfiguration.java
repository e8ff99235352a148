package io.github.credentialprocess.awssdk.autoconfigure;

import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of {@code aws.credential-process.clients}: for each Spring Cloud AWS client
 * type mapped to a provider whose module is on the class path, a bean of Spring Cloud AWS's own
 * customizer of that client type ({@code S3ClientCustomizer}, {@code SqsAsyncClientCustomizer},
 * ...) that makes the client sign with that provider's credentials (see
 * {@link ClientCustomizerRegistrar}).
 */
@AutoConfiguration(after = CredentialProcessAwsSdkAutoConfiguration.class)
@ConditionalOnClass(name = "io.awspring.cloud.autoconfigure.AwsClientCustomizer",
		value = { AwsCredentialsProvider.class, AwsClientBuilder.class })
@ConditionalOnCredentialProcessProvider
@Import(ClientCustomizerRegistrar.class)
public final class CredentialProcessClientsAutoConfiguration {

	CredentialProcessClientsAutoConfiguration() {
	}

}
