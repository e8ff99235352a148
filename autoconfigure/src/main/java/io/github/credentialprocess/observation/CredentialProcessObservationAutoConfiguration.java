package io.github.credentialprocess.observation;

import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the observation of every process run, when the Micrometer Observation API
 * is on the classpath and an {@link ObservationRegistry} bean exists (Spring Boot's actuator makes
 * one). A {@link CredentialProcessObservationConvention} bean replaces the default names and key
 * values.
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnCredentialProcessProvider
public final class CredentialProcessObservationAutoConfiguration {

	CredentialProcessObservationAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessObservation credentialProcessObservation(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<CredentialProcessObservationConvention> convention) {
		return new CredentialProcessObservation(registry::getIfAvailable, convention.getIfAvailable());
	}

}
