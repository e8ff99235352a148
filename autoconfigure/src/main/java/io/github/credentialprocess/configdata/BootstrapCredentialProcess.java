package io.github.credentialprocess.configdata;

import java.util.List;
import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessAutoConfiguration;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderProperties;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;
import io.github.credentialprocess.awssdk.autoconfigure.CredentialProcessAwsSdkAutoConfiguration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One provider of the bootstrap phase, the default one or a named one, with its AWS SDK adapter:
 * built lazily (when Spring Cloud AWS first asks for its credentials, which an application that
 * imports nothing never does) and handed to the application context when the bootstrap context
 * closes. From then on the context owns the provider and closes it with itself, and it stands in
 * for the beans the starter's auto-configuration would build for that name, unless beans of the
 * user's own replaced those: the result is one provider a name, one cache, one refresh thread, with
 * the application's listeners (metrics) attached once its beans exist.
 * <p>
 * The default provider is registered in the bootstrap registry as the {@code AwsCredentialsProvider}
 * every client of the import signs with; a named one reaches the clients mapped to it
 * ({@code aws.credential-process.clients}) through the customizers of {@link BootstrapClientMappings}.
 */
final class BootstrapCredentialProcess {

	private final String name;

	private final ProviderProperties properties;

	private final BootstrapProvider provider;

	private final LateBoundListeners listeners = new LateBoundListeners();

	private CredentialProcessAwsCredentialsProvider adapter;

	BootstrapCredentialProcess(String name, ProviderProperties properties, BootstrapProvider provider) {
		this.name = name;
		this.properties = properties;
		this.provider = provider;
	}

	String name() {
		return this.name;
	}

	/**
	 * Whether the bootstrap registry has a provider or an {@code AwsCredentialsProvider} already (the
	 * user's own, from a {@code BootstrapRegistryInitializer}), which the import then signs with.
	 */
	static boolean isDefaultTaken(ConfigurableBootstrapContext bootstrap) {
		return bootstrap.isRegistered(CredentialProcessProvider.class) || bootstrap.isRegistered(AwsCredentialsProvider.class);
	}

	/** Registers this provider and its adapter as the bootstrap registry's, for every import client. */
	void registerAsDefault(ConfigurableBootstrapContext bootstrap) {
		bootstrap.register(CredentialProcessProvider.class, InstanceSupplier.from(this::provider));
		bootstrap.register(AwsCredentialsProvider.class, InstanceSupplier.from(this::adapter));
	}

	/** Hands the provider over when the bootstrap context closes, if it was built by then. */
	void handOverOnClose(ConfigurableBootstrapContext bootstrap) {
		bootstrap.addCloseListener(this::handOver);
	}

	CredentialProcessProvider provider() {
		return this.provider.getOrCreate(
				() -> CredentialProcessProviderFactory.create(this.name, this.properties, List.of(this.listeners)));
	}

	synchronized CredentialProcessAwsCredentialsProvider adapter() {
		if (this.adapter == null) {
			this.adapter = new CredentialProcessAwsCredentialsProvider(provider());
		}
		return this.adapter;
	}

	/**
	 * Hands the provider to the application context, built or not yet: Spring Cloud AWS builds the
	 * import's clients that nothing loaded (an {@code optional:} location with nothing there) when
	 * the bootstrap context closes, after this listener, and such a client builds the provider then.
	 */
	private void handOver(BootstrapContextClosedEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		if (!(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)) {
			// A context this integration cannot hand the provider to: nothing would ever close it.
			this.provider.close();
			return;
		}
		// The context owns the provider from here on, whichever beans end up using it: its close, or
		// a failed refresh, destroys this bean and so closes the provider, if one was built. A startup
		// that fails before the refresh closes it too (BootstrapFailureCleanup).
		String owner = beanName("BootstrapProvider");
		beanFactory.registerSingleton(owner, this.provider);
		beanFactory.registerDisposableBean(owner, this.provider::close);
		context.addBeanFactoryPostProcessor((factory) -> adopt(beanFactory));
	}

	/**
	 * Once every bean definition is known, the user's first and then the auto-configuration's that
	 * did not step aside for them, and if an import built the provider, puts the import's provider and adapter in place of the beans the
	 * starter would build for this name: the application has one provider a name, which ran once. A
	 * bean of the user's own stays: the import's provider then serves only what the import built
	 * (Spring Cloud AWS hands the clients it built for the import, such as its {@code S3Client}, to
	 * the context) and closes with the context.
	 */
	private void adopt(DefaultListableBeanFactory beanFactory) {
		CredentialProcessProvider built = this.provider.built();
		if (built == null) {
			// No import asked for credentials: the auto-configuration builds the provider.
			return;
		}
		// Built while Boot's logging dropped every event; logging works from here on.
		built.logDroppedStartupMessages();
		String providerBean = ProviderName.providerBean(this.name);
		String adapterBean = ProviderName.awsCredentialsProviderBean(this.name);
		boolean isDefault = ProviderName.DEFAULT.equals(this.name);
		if (!(isDefault ? isDefinedBy(beanFactory, providerBean, CredentialProcessAutoConfiguration.class)
				: isNamedProviderBean(beanFactory, providerBean))) {
			return;
		}
		replaceInstance(beanFactory, providerBean, this.provider::built);
		if (isDefault ? isDefinedBy(beanFactory, adapterBean, CredentialProcessAwsSdkAutoConfiguration.class)
				: isNamedProviderBean(beanFactory, adapterBean)) {
			replaceInstance(beanFactory, adapterBean, this::adapter);
		}
		beanFactory.registerBeanDefinition(beanName("BootstrapListeners"),
				BeanDefinitionBuilder
					.rootBeanDefinition(BootstrapListenersBinding.class,
							() -> new BootstrapListenersBinding(this.name, this.listeners))
					.getBeanDefinition());
	}

	/** A bean of this starter's for this provider's name: {@code credentialProcessX}, {@code billingCredentialProcessX}. */
	private String beanName(String suffix) {
		return (ProviderName.DEFAULT.equals(this.name) ? "credentialProcess" : this.name + "CredentialProcess") + suffix;
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

	/**
	 * Whether the bean is the named provider's of the auto-configuration, which marks it with its
	 * name; a bean of the user's own is marked with the name too, but not as the starter's.
	 */
	private boolean isNamedProviderBean(DefaultListableBeanFactory beanFactory, String beanName) {
		return beanFactory.containsBeanDefinition(beanName)
				&& this.name.equals(beanFactory.getBeanDefinition(beanName).getAttribute(ProviderName.ATTRIBUTE))
				&& Boolean.TRUE.equals(beanFactory.getBeanDefinition(beanName).getAttribute(ProviderName.STARTER_DEFINED));
	}

	/**
	 * Makes a bean the given instance, keeping everything else its definition says: its qualifier,
	 * whether it is a default candidate, how it is destroyed.
	 */
	private static void replaceInstance(DefaultListableBeanFactory beanFactory, String beanName, Supplier<?> instance) {
		// The registry of a DefaultListableBeanFactory holds AbstractBeanDefinitions only.
		AbstractBeanDefinition definition = ((AbstractBeanDefinition) beanFactory.getBeanDefinition(beanName))
			.cloneBeanDefinition();
		definition.setInstanceSupplier(instance);
		beanFactory.removeBeanDefinition(beanName);
		beanFactory.registerBeanDefinition(beanName, definition);
	}

}
