package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnCredentialProcessProvider}. */
class OnCredentialProcessProviderCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		String[] beans = (beanFactory != null)
				? beanFactory.getBeanNamesForType(CredentialProcessProvider.class, true, false) : new String[0];
		return (beans.length > 0) ? ConditionOutcome.match("found credential process provider beans " + String.join(", ", beans))
				: ConditionOutcome.noMatch("no credential process provider bean");
	}

}
