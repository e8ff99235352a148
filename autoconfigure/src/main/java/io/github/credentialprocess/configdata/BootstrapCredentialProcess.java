package io.github.credentialprocess.configdata;

import java.util.List;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;

/**
 * The provider and AWS SDK adapter of the bootstrap phase: registered lazily (built when Spring
 * Cloud AWS first asks for credentials, which an application that imports nothing never does) and
 * handed to the application context when the bootstrap context closes, under the names the
 * auto-configuration gives them, so that the auto-configuration steps aside. The result is one
 * provider, one cache, one refresh thread, closed with the application context, with the
 * application's listeners (metrics) attached once its beans exist.
 */
final class BootstrapCredentialProcess {

	private static final String PROVIDER_BEAN = "credentialProcessProvider";

	private static final String AWS_CREDENTIALS_PROVIDER_BEAN = "credentialProcessAwsCredentialsProvider";

	private static final String LISTENERS_BEAN = "credentialProcessBootstrapListeners";

	private final BootstrapProvider provider = new BootstrapProvider();

	private CredentialProcessAwsCredentialsProvider adapter;

	private final LateBoundListeners listeners = new LateBoundListeners();

	private final CredentialProcessProperties properties;

	private BootstrapCredentialProcess(CredentialProcessProperties properties) {
		this.properties = properties;
	}

	/**
	 * Registers the provider and its adapter unless the bootstrap registry has either already.
	 */
	static void register(ConfigurableBootstrapContext bootstrap, CredentialProcessProperties properties) {
		if (bootstrap.isRegistered(CredentialProcessProvider.class) || bootstrap.isRegistered(AwsCredentialsProvider.class)) {
			return;
		}
		BootstrapCredentialProcess process = new BootstrapCredentialProcess(properties);
		bootstrap.register(BootstrapProvider.class, InstanceSupplier.of(process.provider));
		bootstrap.register(CredentialProcessProvider.class, InstanceSupplier.from(process::provider));
		bootstrap.register(AwsCredentialsProvider.class, InstanceSupplier.from(process::adapter));
		bootstrap.addCloseListener(process::handOver);
	}

	private CredentialProcessProvider provider() {
		return this.provider.getOrCreate(
				() -> CredentialProcessProviderFactory.create(this.properties, List.of(this.listeners)));
	}

	private synchronized CredentialProcessAwsCredentialsProvider adapter() {
		if (this.adapter == null) {
			this.adapter = new CredentialProcessAwsCredentialsProvider(provider());
		}
		return this.adapter;
	}

	/**
	 * Hands what the bootstrap phase built to the application context. What was never built (no
	 * import asked for credentials) is left to the auto-configuration.
	 */
	private void handOver(BootstrapContextClosedEvent event) {
		CredentialProcessProvider built = this.provider.handOver();
		if (built == null) {
			return;
		}
		// Built while Boot's logging dropped every event; logging works from here on.
		built.logDroppedStartupMessages();
		ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
		if (!(beanFactory instanceof BeanDefinitionRegistry registry) || beanFactory.containsBean(PROVIDER_BEAN)) {
			// The context cannot take it, or has a provider of its own: nothing would ever close this one.
			built.close();
			return;
		}
		// Bean definitions rather than singletons: the context then closes the provider with itself.
		AbstractBeanDefinition providerDefinition = BeanDefinitionBuilder
			.rootBeanDefinition(CredentialProcessProvider.class, () -> built)
			.getBeanDefinition();
		providerDefinition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		registry.registerBeanDefinition(PROVIDER_BEAN, providerDefinition);
		registry.registerBeanDefinition(AWS_CREDENTIALS_PROVIDER_BEAN, BeanDefinitionBuilder
			.rootBeanDefinition(CredentialProcessAwsCredentialsProvider.class, this::adapter)
			.getBeanDefinition());
		registry.registerBeanDefinition(LISTENERS_BEAN,
				BeanDefinitionBuilder.rootBeanDefinition(LateBoundListeners.class, () -> this.listeners)
					.getBeanDefinition());
	}

}
