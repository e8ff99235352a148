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
 * with that provider. A customizer of that type the application registered there (with a
 * {@code BootstrapRegistryInitializer}) cannot be wrapped once created, nor replaced: the startup
 * is refused with a message saying so. A type mapped to {@code default} needs nothing: the default
 * provider is the registry's {@code AwsCredentialsProvider} already. Registered once a bootstrap
 * context, from the configuration read when the first {@code aws-} location is met; when the
 * bootstrap phase ends, {@link ImportedIdentities} refuses the startup if the complete
 * configuration names another provider, or other settings, for a client an import built: an import
 * never signs as another identity than the application's configuration names without saying so.
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
		// A provider or AwsCredentialsProvider of the user's own in the registry serves the import instead.
		boolean defaultTaken = BootstrapCredentialProcess.isDefaultTaken(bootstrap);
		boolean defaultRegistered = CredentialProcessProviderFactory.namesASource(properties) && !defaultTaken;
		if (defaultRegistered) {
			registered.process(ProviderName.DEFAULT, properties).registerAsDefault(bootstrap);
		}
		Map<AwsClientType, ImportedIdentities.Signer> signers = new LinkedHashMap<>();
		importMappings(mappings, classLoader).forEach((type, provider) -> {
			if (!ProviderName.DEFAULT.equals(provider)) {
				ProviderProperties settings = properties.getProviders().get(provider);
				registered.customize(type, registered.process(provider, settings));
				signers.put(type, new ImportedIdentities.Signer(provider, settings));
			}
			else {
				signers.put(type, defaultRegistered ? new ImportedIdentities.Signer(provider, properties)
						: defaultTaken ? ImportedIdentities.Signer.applicationsOwn()
								: ImportedIdentities.Signer.springCloudAws());
			}
		});
		registered.processes.values().forEach((process) -> process.handOverOnClose(bootstrap));
		ImportedIdentities.checkOnClose(bootstrap, signers, classLoader);
	}

	/** The provider of each client type an import may build, {@code default} where none is mapped. */
	private static Map<AwsClientType, String> importMappings(Map<AwsClientType, String> mappings,
			ClassLoader classLoader) {
		Map<AwsClientType, String> applied = new LinkedHashMap<>();
		for (AwsClientType type : AwsClientType.values()) {
			if (type.isBuiltByConfigImport() && type.isPresent(classLoader)) {
				applied.put(type, mappings.getOrDefault(type, ProviderName.DEFAULT));
			}
		}
		return applied;
	}

	private BootstrapCredentialProcess process(String name, ProviderProperties settings) {
		return this.processes.computeIfAbsent(name,
				(key) -> new BootstrapCredentialProcess(key, settings, this.holders.holder(key)));
	}

	@SuppressWarnings("unchecked")
	private void customize(AwsClientType type, BootstrapCredentialProcess process) {
		Class<Object> customizerType = (Class<Object>) ClassUtils.resolveClassName(type.customizer(), this.classLoader);
		if (this.bootstrap.isRegistered(customizerType)) {
			// The registry holds one customizer a type, and one it has created cannot be replaced or
			// wrapped: rather than sign as another identity than either one says, refuse.
			throw ClientMappings.heldByAnotherBootstrapCustomizer(type, process.name(), customizerType);
		}
		this.bootstrap.register(customizerType, InstanceSupplier.of(
				ClientCredentialsCustomizer.of(type, process.name(), process::adapter, this.classLoader)));
	}

}
