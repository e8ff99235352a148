package io.github.credentialprocess.awssdk.autoconfigure;

import io.github.credentialprocess.autoconfigure.ProviderName;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the bean factory holds no {@link AwsCredentialsProvider} bean but a named
 * provider's: the user's own default one makes the starter's step aside, a named provider's (the
 * starter's, or the user's own named as it, {@code billingCredentialProcessAwsCredentialsProvider})
 * never does. {@code @ConditionalOnMissingBean} would take the user's own named one for the
 * default before it is marked as named, and Spring Cloud AWS's own chain would then sign every
 * client in place of the default credential process.
 */
class OnMissingDefaultAwsCredentialsProviderCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return ProviderName.defaultBean(context, AwsCredentialsProvider.class)
			.map((bean) -> ConditionOutcome.noMatch("found AwsCredentialsProvider bean " + bean))
			.orElseGet(() -> ConditionOutcome.match("no AwsCredentialsProvider bean but named providers'"));
	}

}
