package io.github.credentialprocess.configdata;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.credentialprocess.autoconfigure.AwsClientType;
import io.github.credentialprocess.autoconfigure.ClientMappings;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderProperties;
import io.github.credentialprocess.awssdk.autoconfigure.ClientCredentialsCustomizer;

import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.util.ClassUtils;

/**
 * The providers of one bootstrap context by name, and the mappings of
 * {@code aws.credential-process.clients} for the clients Spring Cloud AWS's config import builds
 * there ({@code s3}, {@code parameter-store}, {@code secrets-manager}, {@code app-config}). The
 * import looks each client type's customizer up in the bootstrap registry, which holds one a type:
 * a type mapped to a named provider gets a {@link ClientCredentialsCustomizer} there that signs
 * with that provider, and a customizer the user registered for that type (with a
 * {@code BootstrapRegistryInitializer}) runs after it and has the last word, as in the application
 * context. A type mapped to {@code default} needs nothing: the default provider is the registry's
 * {@code AwsCredentialsProvider} already. Registered once a bootstrap context; every {@code aws-}
 * location asks again and finds everything in place.
 */
final class BootstrapClientMappings {

	private final ConfigurableBootstrapContext bootstrap;

	private final BootstrapProviders holders;

	private final ClassLoader classLoader;

	private final Map<String, BootstrapCredentialProcess> processes = new LinkedHashMap<>();

	private BootstrapClientMappings(ConfigurableBootstrapContext bootstrap, ClassLoader classLoader) {
		this.bootstrap = bootstrap;
		this.holders = new BootstrapProviders();
		this.classLoader = classLoader;
	}

	/**
	 * Registers, once a bootstrap context, the default provider (when one is configured) and the
	 * customizers of the import's clients mapped to named providers.
	 * @param bootstrap the bootstrap context
	 * @param properties {@code aws.credential-process.*} as bound when the import is met
	 * @param classLoader where the client types' classes are
	 * @throws RuntimeException a configuration error whose failure analysis names the property
	 */
	static void register(ConfigurableBootstrapContext bootstrap, CredentialProcessProperties properties,
			ClassLoader classLoader) {
		if (bootstrap.isRegistered(BootstrapProviders.class)) {
			return;
		}
		Map<AwsClientType, String> mappings = ClientMappings.of(properties);
		BootstrapClientMappings registered = new BootstrapClientMappings(bootstrap, classLoader);
		bootstrap.register(BootstrapProviders.class, InstanceSupplier.of(registered.holders));
		if (CredentialProcessProviderFactory.namesASource(properties)) {
			BootstrapCredentialProcess defaultProcess = registered.process(ProviderName.DEFAULT, properties);
			if (!defaultProcess.registerAsDefault(bootstrap)) {
				// The user's own provider serves the import; nothing of the default is built here.
				registered.processes.remove(ProviderName.DEFAULT);
			}
		}
		mappings.forEach((type, provider) -> {
			if (type.isBuiltByConfigImport() && !ProviderName.DEFAULT.equals(provider) && type.isPresent(classLoader)) {
				registered.customize(type, registered.process(provider, properties.getProviders().get(provider)));
			}
		});
		registered.processes.values().forEach((process) -> process.handOverOnClose(bootstrap));
	}

	private BootstrapCredentialProcess process(String name, ProviderProperties settings) {
		return this.processes.computeIfAbsent(name,
				(key) -> new BootstrapCredentialProcess(key, settings, this.holders.holder(key)));
	}

	@SuppressWarnings("unchecked")
	private void customize(AwsClientType type, BootstrapCredentialProcess process) {
		Class<Object> customizerType = (Class<Object>) ClassUtils.resolveClassName(type.customizer(), this.classLoader);
		Object users = this.bootstrap.isRegistered(customizerType) ? this.bootstrap.get(customizerType) : null;
		this.bootstrap.register(customizerType, InstanceSupplier.of(
				ClientCredentialsCustomizer.of(type, process.name(), process::adapter, users, this.classLoader)));
	}

}
