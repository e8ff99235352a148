package io.github.credentialprocess.awssdk.autoconfigure;

import java.lang.reflect.Method;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.util.ClassUtils;

/**
 * Makes the S3 beans that Spring Cloud AWS builds without its {@code S3ClientCustomizer} sign as
 * the provider {@code aws.credential-process.clients.s3} names: its {@code S3Presigner} (the
 * presigned URLs of {@code S3Template}) and its CRT {@code S3AsyncClient} (the
 * {@code S3TransferManager}) each take the unqualified {@code AwsCredentialsProvider} as a
 * parameter of their factory method, which would be the default provider, or no provider of this
 * starter's at all. Every such parameter of a factory method of Spring Cloud AWS's S3
 * auto-configuration is given the mapped provider's bean instead, whatever the method is called.
 */
final class S3CredentialsArgument implements BeanFactoryPostProcessor {

	/** The package of Spring Cloud AWS's S3 auto-configuration. */
	static final String S3_AUTO_CONFIGURATION = "io.awspring.cloud.autoconfigure.s3.";

	private final String credentialsBean;

	/**
	 * Creates the post-processor.
	 * @param credentialsBean the mapped provider's {@code AwsCredentialsProvider} bean
	 */
	S3CredentialsArgument(String credentialsBean) {
		this.credentialsBean = credentialsBean;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
			Class<?> factory = s3AutoConfiguration(beanFactory, definition);
			if (factory == null) {
				continue;
			}
			for (Method method : declaredMethods(factory)) {
				if (!method.getName().equals(definition.getFactoryMethodName())) {
					continue;
				}
				Class<?>[] parameters = method.getParameterTypes();
				for (int index = 0; index < parameters.length; index++) {
					if (parameters[index] == AwsCredentialsProvider.class) {
						definition.getConstructorArgumentValues()
							.addIndexedArgumentValue(index, new RuntimeBeanReference(this.credentialsBean));
					}
				}
			}
		}
	}

	/** Its factory methods; none when a type they name is missing (the configuration cannot apply then). */
	private static Method[] declaredMethods(Class<?> factory) {
		try {
			return factory.getDeclaredMethods();
		}
		catch (LinkageError ex) {
			return new Method[0];
		}
	}

	/** The class of Spring Cloud AWS's S3 auto-configuration whose factory method defines the bean, if it is one. */
	private static Class<?> s3AutoConfiguration(ConfigurableListableBeanFactory beanFactory, BeanDefinition definition) {
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean == null || definition.getFactoryMethodName() == null
				|| !beanFactory.containsBeanDefinition(factoryBean)) {
			return null;
		}
		String className = beanFactory.getBeanDefinition(factoryBean).getBeanClassName();
		if (className == null || !className.startsWith(S3_AUTO_CONFIGURATION)) {
			return null;
		}
		return ClassUtils.resolveClassName(className, beanFactory.getBeanClassLoader());
	}

}
