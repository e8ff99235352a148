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
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@link CredentialProcessProvider} beans: the default one from
 * {@code aws.credential-process.*}, when one of {@code command}, {@code argv} or {@code profile}
 * is set, and one per entry of {@code aws.credential-process.providers} (see
 * {@link NamedProviderRegistrar}). Applies unless {@code enabled} is {@code false}. Every
 * {@link CredentialProcessListener} bean hears every provider's events.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "aws.credential-process.enabled", matchIfMissing = true)
@Conditional(OnCredentialProcessSourceCondition.class)
@EnableConfigurationProperties(CredentialProcessProperties.class)
@Import(NamedProviderRegistrar.class)
public final class CredentialProcessAutoConfiguration {

	CredentialProcessAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnCredentialProcessSourceCondition.DefaultProvider.class)
	CredentialProcessProvider credentialProcessProvider(CredentialProcessProperties properties,
			ObjectProvider<CredentialProcessListener> listeners) {
		return CredentialProcessProviderFactory.create(properties,
				CredentialProcessProviders.listenersOf(ProviderName.DEFAULT, listeners.orderedStream()));
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnDefaultProviderBeanCondition.class)
	CredentialProcessLifecycle credentialProcessLifecycle(CredentialProcessProvider provider,
			CredentialProcessProperties properties) {
		return new CredentialProcessLifecycle(provider, properties.isFailFast());
	}

}
