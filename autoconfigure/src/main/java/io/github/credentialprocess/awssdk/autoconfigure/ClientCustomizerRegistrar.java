package io.github.credentialprocess.awssdk.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.credentialprocess.autoconfigure.AwsClientType;
import io.github.credentialprocess.autoconfigure.ProviderName;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers, for each entry of {@code aws.credential-process.clients} whose client type's module
 * is on the class path, a bean named {@code credentialProcess<Type>ClientCustomizer} that
 * implements Spring Cloud AWS's customizer interface of that type and sets the client builder's
 * credentials to the mapped provider's {@code AwsCredentialsProvider} bean. The customizer is
 * {@link Ordered#HIGHEST_PRECEDENCE}: Spring Cloud AWS applies customizers in order, so a user's own
 * customizer of the same client runs after it and has the last word, as a user's bean should.
 * Mappings were checked already (the auto-configuration of the providers refuses an unknown type or
 * provider); a type whose module is absent has no client to customize and is skipped.
 */
class ClientCustomizerRegistrar implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	private final BeanFactory beanFactory;

	private final ClassLoader classLoader;

	ClientCustomizerRegistrar(Environment environment, BeanFactory beanFactory, ClassLoader classLoader) {
		this.environment = environment;
		this.beanFactory = beanFactory;
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, String> clients = Binder.get(this.environment)
			.bind("aws.credential-process.clients", Bindable.mapOf(String.class, String.class))
			.orElseGet(LinkedHashMap::new);
		clients.forEach((key, provider) -> AwsClientType.of(key)
			.filter((type) -> ClassUtils.isPresent(type.customizer(), this.classLoader)
					&& ClassUtils.isPresent(type.builder(), this.classLoader))
			.ifPresent((type) -> register(registry, type, provider)));
	}

	private void register(BeanDefinitionRegistry registry, AwsClientType type, String provider) {
		String beanName = "credentialProcess" + ClassUtils.getShortName(type.customizer());
		if (registry.containsBeanDefinition(beanName)) {
			return;
		}
		Class<?> customizerType = ClassUtils.resolveClassName(type.customizer(), this.classLoader);
		String credentialsBean = ProviderName.awsCredentialsProviderBean(provider);
		RootBeanDefinition definition = new RootBeanDefinition(Object.class,
				() -> customizer(customizerType, type, provider,
						this.beanFactory.getBean(credentialsBean, AwsCredentialsProvider.class)));
		definition.setTargetType(customizerType);
		registry.registerBeanDefinition(beanName, definition);
	}

	/**
	 * Spring Cloud AWS's customizer of one client type, as a proxy of its interface: this starter
	 * does not depend on the AWS SDK module of every client type.
	 */
	static Object customizer(Class<?> customizerType, AwsClientType type, String provider,
			AwsCredentialsProvider credentials) {
		String description = "credential process customizer of the " + type.key() + " clients (provider '" + provider
				+ "')";
		InvocationHandler handler = (proxy, method, arguments) -> switch (method.getName()) {
			case "customize" -> {
				((AwsClientBuilder<?, ?>) arguments[0]).credentialsProvider(credentials);
				yield null;
			}
			case "getOrder" -> Ordered.HIGHEST_PRECEDENCE;
			case "equals" -> proxy == arguments[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> description;
			default -> throw new UnsupportedOperationException(method.toString());
		};
		return Proxy.newProxyInstance(customizerType.getClassLoader(), new Class<?>[] { customizerType, Ordered.class },
				handler);
	}


}
