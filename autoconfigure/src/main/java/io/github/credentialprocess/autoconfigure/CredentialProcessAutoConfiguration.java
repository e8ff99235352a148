package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of a {@link CredentialProcessProvider} from {@code aws.credential-process.*}.
 * Applies when one of {@code command}, {@code argv} or {@code profile} is set and {@code enabled}
 * is not {@code false}. Every {@link CredentialProcessListener} bean hears the provider's events.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "aws.credential-process.enabled", matchIfMissing = true)
@Conditional(OnCredentialProcessSourceCondition.class)
@EnableConfigurationProperties(CredentialProcessProperties.class)
public final class CredentialProcessAutoConfiguration {

	CredentialProcessAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessProvider credentialProcessProvider(CredentialProcessProperties properties,
			ObjectProvider<CredentialProcessListener> listeners) {
		return CredentialProcessProviderFactory.create(properties, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessLifecycle credentialProcessLifecycle(CredentialProcessProvider provider,
			CredentialProcessProperties properties) {
		return new CredentialProcessLifecycle(provider, properties.isFailFast());
	}

}
