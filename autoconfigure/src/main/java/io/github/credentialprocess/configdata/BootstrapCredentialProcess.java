package io.github.credentialprocess.configdata;

import java.util.List;
import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import io.github.credentialprocess.awssdk.autoconfigure.CredentialProcessAwsSdkAutoConfiguration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The provider and AWS SDK adapter of the bootstrap phase: registered lazily (built when Spring
 * Cloud AWS first asks for credentials, which an application that imports nothing never does) and
 * handed to the application context when the bootstrap context closes. From then on the context
 * owns the provider and closes it with itself, and they stand in for the beans the starter's
 * auto-configurations would build, unless beans of the user's own replaced those: the result is
 * one provider, one cache, one refresh thread, with the application's listeners (metrics) attached
 * once its beans exist.
 */
final class BootstrapCredentialProcess {

	private static final String PROVIDER_BEAN = "credentialProcessProvider";

	private static final String AWS_CREDENTIALS_PROVIDER_BEAN = "credentialProcessAwsCredentialsProvider";

	private static final String LISTENERS_BEAN = "credentialProcessBootstrapListeners";

	private static final String OWNER_BEAN = "credentialProcessBootstrapProvider";

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
		CredentialProcessProvider built = this.provider.built();
		if (built == null) {
			return;
		}
		// Built while Boot's logging dropped every event; logging works from here on.
		built.logDroppedStartupMessages();
		ConfigurableApplicationContext context = event.getApplicationContext();
		if (!(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)) {
			// A context this integration cannot hand the provider to: nothing would ever close it.
			built.close();
			return;
		}
		// The context owns the provider from here on, whichever beans end up using it: its close, or
		// a failed refresh, destroys this bean and so closes the provider. A startup that fails
		// before the refresh closes it too (BootstrapFailureCleanup).
		beanFactory.registerSingleton(OWNER_BEAN, this.provider);
		beanFactory.registerDisposableBean(OWNER_BEAN, this.provider::close);
		context.addBeanFactoryPostProcessor((factory) -> adopt(beanFactory));
	}

	/**
	 * Once every bean definition is known, the user's first and then the auto-configurations' that
	 * did not step aside for them, puts the import's provider and adapter in place of the beans the
	 * starter's auto-configurations would build: the application has one provider, which ran once.
	 * A bean of the user's own stays: the import's provider then serves only what the import built
	 * (Spring Cloud AWS hands the clients it built for the import, such as its {@code S3Client}, to
	 * the context) and closes with the context.
	 */
	private void adopt(DefaultListableBeanFactory beanFactory) {
		if (!isDefinedBy(beanFactory, PROVIDER_BEAN, CredentialProcessAutoConfiguration.class)) {
			return;
		}
		replace(beanFactory, PROVIDER_BEAN, CredentialProcessProvider.class, this.provider::built);
		if (isDefinedBy(beanFactory, AWS_CREDENTIALS_PROVIDER_BEAN, CredentialProcessAwsSdkAutoConfiguration.class)) {
			replace(beanFactory, AWS_CREDENTIALS_PROVIDER_BEAN, CredentialProcessAwsCredentialsProvider.class,
					this::adapter);
		}
		beanFactory.registerBeanDefinition(LISTENERS_BEAN,
				BeanDefinitionBuilder.rootBeanDefinition(LateBoundListeners.class, () -> this.listeners)
					.getBeanDefinition());
	}

	private static boolean isDefinedBy(DefaultListableBeanFactory beanFactory, String beanName,
			Class<?> autoConfiguration) {
		if (!beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		String factoryBean = beanFactory.getBeanDefinition(beanName).getFactoryBeanName();
		return factoryBean != null && beanFactory.containsBeanDefinition(factoryBean)
				&& autoConfiguration.getName().equals(beanFactory.getBeanDefinition(factoryBean).getBeanClassName());
	}

	private static <T> void replace(DefaultListableBeanFactory beanFactory, String beanName, Class<T> type,
			Supplier<T> instance) {
		BeanDefinition definition = BeanDefinitionBuilder.rootBeanDefinition(type, instance).getBeanDefinition();
		beanFactory.removeBeanDefinition(beanName);
		beanFactory.registerBeanDefinition(beanName, definition);
	}

}
