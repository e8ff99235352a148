package io.github.credentialprocess.configdata;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Gives a provider of the bootstrap phase its listeners once the application context has created
 * every bean: the {@link CredentialProcessListener} beans, scoped to the provider's name as for a
 * provider the auto-configuration builds. A bean of its own type, not a listener: a listener bean
 * would be handed to every other provider too.
 */
final class BootstrapListenersBinding implements BeanFactoryAware, SmartInitializingSingleton {

	private final String name;

	private final LateBoundListeners listeners;

	private ListableBeanFactory beanFactory;

	BootstrapListenersBinding(String name, LateBoundListeners listeners) {
		this.name = name;
		this.listeners = listeners;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.listeners.bind(CredentialProcessProviders.listenersOf(this.name,
				this.beanFactory.getBeanProvider(CredentialProcessListener.class).orderedStream()));
	}

}
