package io.github.credentialprocess.awssdk.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.awssdk.CredentialProcessAwsCredentialsProvider;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers an {@code AwsCredentialsProvider} bean for each named provider, named
 * {@code <name>CredentialProcessAwsCredentialsProvider}, with the qualifier {@code <name>} and not
 * a default candidate. A bean of the user's own with the same name wins, as that named provider's.
 */
class NamedAwsCredentialsProviderRegistrar implements ImportBeanDefinitionRegistrar {

	private final ListableBeanFactory beanFactory;

	NamedAwsCredentialsProviderRegistrar(BeanFactory beanFactory) {
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		CredentialProcessProviders.namedProviderBeans(this.beanFactory).forEach((name, providerBean) -> {
			String beanName = ProviderName.awsCredentialsProviderBean(name);
			if (registry.containsBeanDefinition(beanName)) {
				// The user's own stays, as this named provider's: never Spring Cloud AWS's default.
				ProviderName.markNamed(registry.getBeanDefinition(beanName), name);
				return;
			}
			RootBeanDefinition definition = new RootBeanDefinition(CredentialProcessAwsCredentialsProvider.class,
					() -> new CredentialProcessAwsCredentialsProvider(
							this.beanFactory.getBean(providerBean, CredentialProcessProvider.class)));
			ProviderName.markNamed(definition, name);
			definition.setAttribute(ProviderName.STARTER_DEFINED, true);
			registry.registerBeanDefinition(beanName, definition);
		});
	}

}
