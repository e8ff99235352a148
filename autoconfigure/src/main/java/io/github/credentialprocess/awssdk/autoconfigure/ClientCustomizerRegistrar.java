package io.github.credentialprocess.awssdk.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.credentialprocess.autoconfigure.AwsClientType;
import io.github.credentialprocess.autoconfigure.ProviderName;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers, for each entry of {@code aws.credential-process.clients} whose client type's module
 * is on the class path, a bean named {@code credentialProcess<Type>ClientCustomizer} that
 * implements Spring Cloud AWS's customizer interface of that type and sets the client builder's
 * credentials to the mapped provider's {@code AwsCredentialsProvider} bean
 * ({@link ClientCredentialsCustomizer}). It comes first: Spring Cloud AWS applies customizers in
 * order, so a user's own customizer of the same client runs after it and has the last word, as a
 * user's bean should.
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
			.filter((type) -> type.isPresent(this.classLoader))
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
				() -> ClientCredentialsCustomizer.of(type, provider,
						() -> this.beanFactory.getBean(credentialsBean, AwsCredentialsProvider.class), this.classLoader));
		definition.setTargetType(customizerType);
		registry.registerBeanDefinition(beanName, definition);
		if (type == AwsClientType.S3) {
			// Spring Cloud AWS builds its presigner and CRT client without the customizer.
			RootBeanDefinition argument = new RootBeanDefinition(S3CredentialsArgument.class,
					() -> new S3CredentialsArgument(credentialsBean));
			argument.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition("credentialProcessS3CredentialsArgument", argument);
		}
	}

}
