package io.github.credentialprocess.metrics;

import io.github.credentialprocess.autoconfigure.ConditionalOnCredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the credential process metrics, when Micrometer is on the classpath and a
 * {@link MeterRegistry} bean exists.
 */
@AutoConfiguration(after = CredentialProcessAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnCredentialProcessProvider
public final class CredentialProcessMetricsAutoConfiguration {

	CredentialProcessMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessMetrics credentialProcessMetrics(ObjectProvider<MeterRegistry> registry) {
		return new CredentialProcessMetrics(registry::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	CredentialProcessExpiryMeterBinder credentialProcessExpiryMeterBinder(ListableBeanFactory beanFactory) {
		return new CredentialProcessExpiryMeterBinder(CredentialProcessProviders.of(beanFactory));
	}

	@Bean
	MeterFilter credentialProcessMeterDescriptions() {
		return new CredentialProcessMeterDescriptions();
	}

}
