package io.github.credentialprocess.autoconfigure;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;

/**
 * The names of the providers and of the beans each one is: the default provider, configured
 * directly under {@code aws.credential-process}, is called {@value #DEFAULT}; each named one is
 * configured under {@code aws.credential-process.providers.<name>}.
 * <table>
 * <caption>Bean names</caption>
 * <tr><th>Bean</th><th>default</th><th>named, such as billing</th></tr>
 * <tr><td>CredentialProcessProvider</td><td>credentialProcessProvider</td><td>billingCredentialProcessProvider</td></tr>
 * <tr><td>AwsCredentialsProvider</td><td>credentialProcessAwsCredentialsProvider</td><td>billingCredentialProcessAwsCredentialsProvider</td></tr>
 * </table>
 * A named provider's beans carry the qualifier {@code @Qualifier("billing")} and are not default
 * candidates: they are injected only with that qualifier, never in place of the default.
 */
public final class ProviderName {

	/** The name of the provider configured directly under {@code aws.credential-process}. */
	public static final String DEFAULT = "default";

	/** The bean definition attribute holding a named provider's name. */
	public static final String ATTRIBUTE = ProviderName.class.getName();

	/** The bean definition attribute of a named provider's bean that this starter defined, not the user. */
	public static final String STARTER_DEFINED = ProviderName.class.getName() + ".starterDefined";

	static final String PROVIDERS_PREFIX = OnCredentialProcessSourceCondition.PREFIX + "providers.";

	private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*");

	private ProviderName() {
	}

	/**
	 * The names configured under {@code aws.credential-process.providers}, sorted; not checked.
	 * @param environment the environment to read them from
	 * @return the names
	 */
	public static Set<String> configured(Environment environment) {
		return NamedProviderRegistrar.names(environment);
	}

	/**
	 * Whether a bean is one of a named provider's, whoever defined it: named as the starter names a
	 * configured provider's beans ({@code billingCredentialProcessProvider},
	 * {@code billingCredentialProcessAwsCredentialsProvider}, {@code billingCredentialProcessLifecycle}),
	 * or marked with its name. Known by name before any registrar has marked it, so that a condition
	 * never takes the user's own bean of a named provider for the default.
	 * @param beanFactory the bean factory
	 * @param names the configured names ({@link #configured(Environment)})
	 * @param bean the bean's name
	 * @return whether it belongs to a named provider
	 */
	public static boolean isNamedProvidersBean(ConfigurableListableBeanFactory beanFactory, Set<String> names,
			String bean) {
		for (String name : names) {
			if (bean.equals(providerBean(name)) || bean.equals(awsCredentialsProviderBean(name))
					|| bean.equals(lifecycleBean(name))) {
				return true;
			}
		}
		return beanFactory.containsBeanDefinition(bean) && beanFactory.getBeanDefinition(bean).getAttribute(ATTRIBUTE) != null;
	}

	/**
	 * The first bean of a type that is no named provider's ({@link #isNamedProvidersBean}): the
	 * default provider's, the starter's or the user's own, for the conditions that must never take a
	 * named provider's bean for it.
	 * @param context the condition's context
	 * @param type the bean type
	 * @return the bean's name; empty when there is none
	 */
	public static Optional<String> defaultBean(ConditionContext context, Class<?> type) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory == null) {
			return Optional.empty();
		}
		Set<String> names = configured(context.getEnvironment());
		return Arrays.stream(beanFactory.getBeanNamesForType(type, true, false))
			.filter((bean) -> !isNamedProvidersBean(beanFactory, names, bean))
			.findFirst();
	}

	/**
	 * Makes a bean one of a named provider's, whoever defined it: the qualifier {@code <name>}, not a
	 * default candidate, its name in {@link #ATTRIBUTE}. A bean of the user's own named as the
	 * starter's for that provider replaces it and takes its place, never the default's.
	 * @param definition the bean's definition
	 * @param name the provider's name
	 */
	public static void markNamed(BeanDefinition definition, String name) {
		if (definition instanceof AbstractBeanDefinition named) {
			named.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			named.setDefaultCandidate(false);
		}
		definition.setAttribute(ATTRIBUTE, name);
	}

	/**
	 * The prefix of a provider's properties.
	 * @param name the provider's name
	 * @return {@code aws.credential-process.} for the default,
	 * {@code aws.credential-process.providers.<name>.} for a named one
	 */
	public static String prefix(String name) {
		return DEFAULT.equals(name) ? OnCredentialProcessSourceCondition.PREFIX : PROVIDERS_PREFIX + name + ".";
	}

	/**
	 * The name of a provider's {@code CredentialProcessProvider} bean.
	 * @param name the provider's name
	 * @return the bean name
	 */
	public static String providerBean(String name) {
		return DEFAULT.equals(name) ? "credentialProcessProvider" : name + "CredentialProcessProvider";
	}

	/**
	 * The name of a provider's {@code AwsCredentialsProvider} bean.
	 * @param name the provider's name
	 * @return the bean name
	 */
	public static String awsCredentialsProviderBean(String name) {
		return DEFAULT.equals(name) ? "credentialProcessAwsCredentialsProvider"
				: name + "CredentialProcessAwsCredentialsProvider";
	}

	static String lifecycleBean(String name) {
		return DEFAULT.equals(name) ? "credentialProcessLifecycle" : name + "CredentialProcessLifecycle";
	}

	/**
	 * Refuses a name under {@code providers} that is not a lower-case identifier, or is
	 * {@value #DEFAULT}.
	 */
	static void requireValid(String name) {
		if (DEFAULT.equals(name)) {
			throw new CredentialProcessConfigurationException("Invalid credential process configuration: "
					+ PROVIDERS_PREFIX + "default is not allowed: 'default' is the name of the provider configured "
					+ "directly under " + OnCredentialProcessSourceCondition.PREFIX + "*.",
					"Configure the default provider directly under " + OnCredentialProcessSourceCondition.PREFIX
							+ "* (command, argv or profile), or give the named provider another name.");
		}
		if (!VALID.matcher(name).matches()) {
			throw new CredentialProcessConfigurationException("Invalid credential process configuration: '" + name
					+ "' under " + PROVIDERS_PREFIX + "* is not a valid provider name.",
					"Name the provider with a lower-case letter followed by lower-case letters and digits, such as "
							+ "'billing' or 'audit2': the name becomes part of bean names, a qualifier, a health "
							+ "component and a metric tag.");
		}
	}

}
