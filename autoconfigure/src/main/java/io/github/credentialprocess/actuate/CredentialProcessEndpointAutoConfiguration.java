package io.github.credentialprocess.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderProperties;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link CredentialProcessEndpoint}, when the actuator is on the
 * classpath and the endpoint is available (enabled and exposed).
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnCredentialProcessProvider
@ConditionalOnAvailableEndpoint(CredentialProcessEndpoint.class)
public final class CredentialProcessEndpointAutoConfiguration {

	CredentialProcessEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessEndpoint credentialProcessEndpoint(ListableBeanFactory beanFactory,
			ObjectProvider<CredentialProcessProperties> properties) {
		Map<String, CredentialProcessProvider> providers = CredentialProcessProviders.of(beanFactory);
		CredentialProcessProperties bound = properties.getIfAvailable();
		Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
		providers.keySet().forEach((name) -> configurations.put(name, configuration(settings(bound, name))));
		return new CredentialProcessEndpoint(providers, configurations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CredentialProcessEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	CredentialProcessWebEndpointExtension credentialProcessWebEndpointExtension(CredentialProcessEndpoint endpoint) {
		return new CredentialProcessWebEndpointExtension(endpoint);
	}

	private static ProviderProperties settings(CredentialProcessProperties properties, String name) {
		if (properties == null) {
			return null;
		}
		return ProviderName.DEFAULT.equals(name) ? properties : properties.getProviders().get(name);
	}

	/** The settings worth showing; environment variables by name only, their values may be secret. */
	private static Map<String, Object> configuration(ProviderProperties properties) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		if (properties == null) {
			return configuration;
		}
		if (properties.getProfile() != null) {
			configuration.put("profile", properties.getProfile());
		}
		configuration.put("timeout", properties.getTimeout().toString());
		configuration.put("duration", properties.getDuration().toString());
		configuration.put("maxBufferSize", properties.getMaxBufferSize().toString());
		configuration.put("expiryWindow", properties.getExpiryWindow().toString());
		configuration.put("minRefreshInterval", properties.getMinRefreshInterval().toString());
		configuration.put("environment", properties.getEnvironment().keySet().stream().sorted().toList());
		if (properties.getWorkingDirectory() != null) {
			configuration.put("workingDirectory", properties.getWorkingDirectory().toString());
		}
		configuration.put("failFast", properties.isFailFast());
		return configuration;
	}

}
