package io.github.credentialprocess.awssdk.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import io.github.credentialprocess.autoconfigure.AwsClientType;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Spring Cloud AWS's customizer of one client type ({@code S3ClientCustomizer},
 * {@code SsmClientCustomizer}, ...) that sets the client builder's credentials to a provider's, as
 * a JDK proxy of that interface: this starter does not depend on the AWS SDK module of every client
 * type. The one way a mapping of {@code aws.credential-process.clients} reaches a client, as a bean
 * of the application context and in the config import's bootstrap registry. Its order is
 * {@link Ordered#HIGHEST_PRECEDENCE}: a user's customizer of the same client runs after it and has
 * the last word.
 */
public final class ClientCredentialsCustomizer {

	private ClientCredentialsCustomizer() {
	}

	/**
	 * The customizer of a client type.
	 * @param type the client type
	 * @param provider the provider's name, for {@code toString()}
	 * @param credentials the provider's credentials, asked for when a client is built
	 * @param classLoader where the client type's classes are
	 * @return the customizer, an instance of the type's customizer interface
	 */
	public static Object of(AwsClientType type, String provider, Supplier<AwsCredentialsProvider> credentials,
			ClassLoader classLoader) {
		Class<?> customizerType = ClassUtils.resolveClassName(type.customizer(), classLoader);
		String description = "credential process customizer of the " + type.key() + " clients (provider '" + provider
				+ "')";
		InvocationHandler handler = (proxy, method, arguments) -> switch (method.getName()) {
			case "customize" -> {
				((AwsClientBuilder<?, ?>) arguments[0]).credentialsProvider(credentials.get());
				yield null;
			}
			case "getOrder" -> Ordered.HIGHEST_PRECEDENCE;
			case "equals" -> proxy == arguments[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> description;
			default -> throw new UnsupportedOperationException(method.toString());
		};
		// A native image knows only the proxies declared at build time: ClientCustomizerRuntimeHints.
		return Proxy.newProxyInstance(customizerType.getClassLoader(), new Class<?>[] { customizerType, Ordered.class },
				handler);
	}

}
