package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the bean factory holds the default provider: a {@link CredentialProcessProvider}
 * bean that is not a named provider's, the starter's or the user's own. A named provider's bean is
 * known by its name ({@code billingCredentialProcessProvider} for a configured
 * {@code providers.billing}) whoever defined it, so the user's own bean of that name is never taken
 * for the default, even before {@link NamedProviderRegistrar} has marked it.
 */
class OnDefaultProviderBeanCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return ProviderName.defaultBean(context, CredentialProcessProvider.class)
			.map((bean) -> ConditionOutcome.match("found the default provider bean " + bean))
			.orElseGet(() -> ConditionOutcome.noMatch("no default credential process provider bean"));
	}

}
