package io.github.credentialprocess.health;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link CredentialProcessHealthIndicator}, shown as
 * {@code credentialProcess} in {@code /actuator/health}. Switched off by
 * {@code management.health.credentialprocess.enabled=false}.
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(CredentialProcessProvider.class)
@ConditionalOnEnabledHealthIndicator("credentialprocess")
public final class CredentialProcessHealthContributorAutoConfiguration {

	CredentialProcessHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "credentialProcessHealthIndicator")
	CredentialProcessHealthIndicator credentialProcessHealthIndicator(CredentialProcessProvider provider) {
		return new CredentialProcessHealthIndicator(provider);
	}

}
