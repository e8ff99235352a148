package io.github.credentialprocess.health;

import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;
import io.github.credentialprocess.autoconfigure.ProviderName;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the credential process health, shown as {@code credentialProcess} in
 * {@code /actuator/health}: the default provider's {@link CredentialProcessHealthIndicator} when it
 * is the only provider, else a composite with one {@link CredentialProcessHealthIndicator} per
 * provider, the default one as {@code default}, whose status Boot aggregates by its usual rules.
 * Switched off by {@code management.health.credentialprocess.enabled=false}.
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnCredentialProcessProvider
@ConditionalOnEnabledHealthIndicator("credentialprocess")
public final class CredentialProcessHealthContributorAutoConfiguration {

	CredentialProcessHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "credentialProcessHealthIndicator")
	HealthContributor credentialProcessHealthIndicator(ListableBeanFactory beanFactory) {
		Map<String, CredentialProcessProvider> providers = CredentialProcessProviders.of(beanFactory);
		if (providers.size() == 1 && providers.containsKey(ProviderName.DEFAULT)) {
			return new CredentialProcessHealthIndicator(providers.get(ProviderName.DEFAULT));
		}
		return CompositeHealthContributor.fromMap(providers, CredentialProcessHealthIndicator::new);
	}

}
