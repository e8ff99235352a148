package io.github.credentialprocess.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every provider of an application by name, for this starter's integrations (health, metrics,
 * endpoint): the default one (the {@link CredentialProcessProvider} bean injected without a
 * qualifier, the auto-configured one or the user's own) as {@value ProviderName#DEFAULT}, and each
 * named one under its name.
 */
public final class CredentialProcessProviders {

	private CredentialProcessProviders() {
	}

	/**
	 * The providers of a bean factory, the default first, then the named ones by name.
	 * @param beanFactory the bean factory
	 * @return the providers by name; empty when there is none
	 */
	public static Map<String, CredentialProcessProvider> of(ListableBeanFactory beanFactory) {
		Map<String, CredentialProcessProvider> all = new LinkedHashMap<>();
		Map<String, String> named = namedProviderBeans(beanFactory);
		List<String> others = Arrays.stream(beanFactory.getBeanNamesForType(CredentialProcessProvider.class))
			.filter((bean) -> !named.containsValue(bean))
			.toList();
		// With one named provider and nothing else, Spring would offer it as the unique bean: the
		// default is looked for among the beans that are not named providers.
		CredentialProcessProvider defaultProvider = (others.size() == 1)
				? beanFactory.getBean(others.get(0), CredentialProcessProvider.class)
				: (others.isEmpty() ? null : beanFactory.getBeanProvider(CredentialProcessProvider.class).getIfUnique());
		if (defaultProvider != null) {
			all.put(ProviderName.DEFAULT, defaultProvider);
		}
		named.forEach((name, bean) -> all.put(name, beanFactory.getBean(bean, CredentialProcessProvider.class)));
		return all;
	}

	/**
	 * The listeners to give a provider: every {@link CredentialProcessListener} bean, in order, with
	 * a {@link ProviderScopedListener} replaced by its listener of that provider.
	 * @param name the provider's name
	 * @param listeners the listener beans
	 * @return the provider's listeners
	 */
	public static List<CredentialProcessListener> listenersOf(String name, Stream<CredentialProcessListener> listeners) {
		return listeners
			.map((listener) -> (listener instanceof ProviderScopedListener scoped) ? scoped.forProvider(name) : listener)
			.toList();
	}

	/**
	 * The named providers' bean names, read from the bean definitions without creating a bean.
	 * @param beanFactory the bean factory
	 * @return bean name by provider name
	 */
	public static Map<String, String> namedProviderBeans(ListableBeanFactory beanFactory) {
		Map<String, String> named = new TreeMap<>();
		if (beanFactory instanceof ConfigurableApplicationContext context) {
			return namedProviderBeans(context.getBeanFactory());
		}
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
			for (String bean : configurable.getBeanNamesForType(CredentialProcessProvider.class, true, false)) {
				if (configurable.containsBeanDefinition(bean)
						&& configurable.getBeanDefinition(bean).getAttribute(ProviderName.ATTRIBUTE) instanceof String name) {
					named.put(name, bean);
				}
			}
		}
		return named;
	}

}
