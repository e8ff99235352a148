package io.github.credentialprocess.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of each provider under {@code aws.credential-process.providers}: its
 * {@link CredentialProcessProvider} and the lifecycle that starts, stops and (with
 * {@code fail-fast}) checks it. The names are read from the environment when the auto-configuration
 * is processed; the settings are bound and checked when the provider bean is created, with the
 * messages of the default provider naming the provider's own properties. A bean of the user's own
 * with the same name wins, and is that named provider ({@link ProviderName#markNamed}). Each provider has its own refresh thread, so none waits for another.
 * <p>
 * Also checks {@code aws.credential-process.clients} ({@link ClientMappings}): every key a client
 * type Spring Cloud AWS has, every value {@code default} (when a default provider is configured) or
 * a named provider.
 */
class NamedProviderRegistrar implements ImportBeanDefinitionRegistrar {

	private static final Logger logger = LoggerFactory.getLogger(NamedProviderRegistrar.class);

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	NamedProviderRegistrar(Environment environment, BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		Set<String> names = names(this.environment);
		names.forEach(ProviderName::requireValid);
		boolean hasDefault = OnCredentialProcessSourceCondition.namesDefaultSource(this.environment);
		ClientMappings.check(binder.bind(OnCredentialProcessSourceCondition.PREFIX + "clients",
				Bindable.mapOf(String.class, String.class)).orElseGet(Map::of), names, hasDefault);
		for (String name : names) {
			register(registry, name, ProviderName.providerBean(name), provider(name));
			register(registry, name, ProviderName.lifecycleBean(name), lifecycle(name));
		}
		if (!hasDefault && !names.isEmpty()) {
			logger.info("No default credential process provider ({}command, argv and profile are unset): the named "
					+ "providers {} are injected only with @Qualifier(\"<name>\"), and Spring Cloud AWS clients not "
					+ "mapped under {}clients keep Spring Cloud AWS's own credentials", OnCredentialProcessSourceCondition.PREFIX,
					names, OnCredentialProcessSourceCondition.PREFIX);
		}
	}

	/** The names configured under {@code aws.credential-process.providers}, sorted; not checked. */
	static Set<String> names(Environment environment) {
		return new TreeSet<>(Binder.get(environment)
			.bind(ProviderName.PROVIDERS_PREFIX.substring(0, ProviderName.PROVIDERS_PREFIX.length() - 1),
					Bindable.mapOf(String.class, ProviderProperties.class))
			.orElseGet(Map::of)
			.keySet());
	}

	private RootBeanDefinition provider(String name) {
		RootBeanDefinition definition = new RootBeanDefinition(CredentialProcessProvider.class,
				() -> CredentialProcessProviderFactory.create(name, settings(name), CredentialProcessProviders
					.listenersOf(name, this.beanFactory.getBeanProvider(CredentialProcessListener.class).orderedStream())));
		definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		return definition;
	}

	private RootBeanDefinition lifecycle(String name) {
		return new RootBeanDefinition(CredentialProcessLifecycle.class,
				() -> new CredentialProcessLifecycle(
						this.beanFactory.getBean(ProviderName.providerBean(name), CredentialProcessProvider.class),
						settings(name).isFailFast(), name));
	}

	private ProviderProperties settings(String name) {
		return this.beanFactory.getBean(CredentialProcessProperties.class).getProviders().get(name);
	}

	/**
	 * A named provider's bean: injected only with its qualifier, never in place of the default. A
	 * bean of the user's own with its name stays, as that named provider.
	 */
	private static void register(BeanDefinitionRegistry registry, String name, String beanName,
			RootBeanDefinition definition) {
		if (registry.containsBeanDefinition(beanName)) {
			ProviderName.markNamed(registry.getBeanDefinition(beanName), name);
			return;
		}
		ProviderName.markNamed(definition, name);
		definition.setAttribute(ProviderName.STARTER_DEFINED, true);
		registry.registerBeanDefinition(beanName, definition);
	}

}
