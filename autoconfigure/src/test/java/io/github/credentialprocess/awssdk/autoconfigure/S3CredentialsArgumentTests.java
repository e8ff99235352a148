package io.github.credentialprocess.awssdk.autoconfigure;

import io.awspring.cloud.autoconfigure.s3.S3CrtAsyncClientAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 beans Spring Cloud AWS builds from the unqualified {@code AwsCredentialsProvider} get the
 * mapped provider's instead, found by the parameter's type on the auto-configuration's own factory
 * methods. The presigner is proven end to end by the sample's {@code SeveralIdentitiesTests} (its
 * module is not on this module's class path); the CRT client, whose native library is not in this
 * build, is proven here on its bean definition.
 */
class S3CredentialsArgumentTests {

	private static final String MAPPED = "storageCredentialProcessAwsCredentialsProvider";

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@Test
	void crtAsyncClientTakesTheMappedProviderAsItsCredentialsParameter() {
		BeanDefinition client = defineFactoryMethod(S3CrtAsyncClientAutoConfiguration.class, "s3AsyncClient");
		new S3CredentialsArgument(MAPPED).postProcessBeanFactory(this.beanFactory);
		assertThat(referenceAt(client, 0)).isEqualTo(MAPPED);
	}

	@Test
	void beansOfOtherAutoConfigurationsAreLeftAlone() {
		BeanDefinition other = defineFactoryMethod(CredentialProcessAwsSdkAutoConfiguration.class,
				"credentialProcessAwsCredentialsProvider");
		new S3CredentialsArgument(MAPPED).postProcessBeanFactory(this.beanFactory);
		assertThat(other.getConstructorArgumentValues().isEmpty()).isTrue();
	}

	private BeanDefinition defineFactoryMethod(Class<?> configuration, String method) {
		this.beanFactory.registerBeanDefinition(configuration.getName(), new RootBeanDefinition(configuration));
		RootBeanDefinition bean = new RootBeanDefinition();
		bean.setFactoryBeanName(configuration.getName());
		bean.setFactoryMethodName(method);
		this.beanFactory.registerBeanDefinition(method, bean);
		return bean;
	}

	private static String referenceAt(BeanDefinition definition, int index) {
		ValueHolder value = definition.getConstructorArgumentValues().getIndexedArgumentValue(index, null);
		return (value != null && value.getValue() instanceof RuntimeBeanReference reference) ? reference.getBeanName()
				: null;
	}

}
