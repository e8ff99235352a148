package io.github.credentialprocess.configdata;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.credentialprocess.autoconfigure.AwsClientType;
import io.github.credentialprocess.autoconfigure.ClientMappings;
import io.github.credentialprocess.autoconfigure.CredentialProcessProperties;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviderFactory;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderProperties;
import io.github.credentialprocess.autoconfigure.SettingsDifference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;

/**
 * Whether every client the configuration import built signed as the application's configuration,
 * complete at last, says it should; if not, the startup is refused with a failure analysis rather
 * than left running with data an import read as another identity. The bootstrap phase reads
 * {@code aws.credential-process.*} when it meets the first {@code aws-} location, before the files
 * read after it (a profile's own {@code application-prod.yml}): a mapping, a provider's setting, or a
 * whole provider set only there reaches the application's clients but not the import's, which has
 * signed already. Checked once every file is read, when the bootstrap context closes, for each client
 * type an import built: the provider it signed as, and every setting of that provider
 * ({@link SettingsDifference}). A setting that says who the provider signs as (what it runs, with
 * which variables, where) refuses the startup; any other (a timeout, a refresh time) cannot make the
 * import sign as another identity, and is only warned about: the application keeps the provider the
 * import built, with the value read then.
 */
final class ImportedIdentities {

	private static final Logger logger = LoggerFactory.getLogger(ImportedIdentities.class);

	/**
	 * What the import's client of one type signed with.
	 * @param provider the provider's name; {@code null} for Spring Cloud AWS's own credentials
	 * (nothing of the starter's was configured when the import was met)
	 * @param settings the provider's settings as read when the import was met; {@code null} when the
	 * credentials were not the starter's to build (Spring Cloud AWS's own, or the application's own
	 * provider in the bootstrap registry)
	 */
	record Signer(String provider, ProviderProperties settings) {

		static Signer springCloudAws() {
			return new Signer(null, null);
		}

		/** A provider or {@code AwsCredentialsProvider} of the application's own in the bootstrap registry. */
		static Signer applicationsOwn() {
			return new Signer(ProviderName.DEFAULT, null);
		}

		boolean isApplicationsOwn() {
			return this.provider != null && this.settings == null;
		}

		String described() {
			return (this.provider == null) ? "Spring Cloud AWS's own credentials" : "the provider '" + this.provider + "'";
		}

	}

	private final Map<AwsClientType, Signer> signers;

	private final ClassLoader classLoader;

	private ImportedIdentities(Map<AwsClientType, Signer> signers, ClassLoader classLoader) {
		this.signers = signers;
		this.classLoader = classLoader;
	}

	/**
	 * Checks, when the bootstrap context closes, what each client type of an import signed with.
	 * @param bootstrap the bootstrap context
	 * @param signers what each client type an import may build signs with
	 * @param classLoader where the client types' classes are
	 */
	static void checkOnClose(ConfigurableBootstrapContext bootstrap, Map<AwsClientType, Signer> signers,
			ClassLoader classLoader) {
		ImportedIdentities identities = new ImportedIdentities(signers, classLoader);
		bootstrap.addCloseListener((event) -> identities
			.check(Binder.get(event.getApplicationContext().getEnvironment()), event.getBootstrapContext()));
	}

	/**
	 * Checks, when the bootstrap context closes, an import met while nothing of the starter's was
	 * configured: its clients signed with Spring Cloud AWS's own credentials, or the application's own
	 * in the bootstrap registry. Once a bootstrap context; nothing is checked here when a location
	 * met later found the starter configured ({@link BootstrapClientMappings} checks then).
	 * @param bootstrap the bootstrap context
	 * @param classLoader where the client types' classes are
	 */
	static void checkUnconfiguredOnClose(ConfigurableBootstrapContext bootstrap, ClassLoader classLoader) {
		if (bootstrap.isRegistered(ImportedIdentities.class)) {
			return;
		}
		Signer signer = BootstrapCredentialProcess.isDefaultTaken(bootstrap) ? Signer.applicationsOwn()
				: Signer.springCloudAws();
		Map<AwsClientType, Signer> signers = new LinkedHashMap<>();
		for (AwsClientType type : AwsClientType.values()) {
			if (type.isBuiltByConfigImport() && type.isPresent(classLoader)) {
				signers.put(type, signer);
			}
		}
		ImportedIdentities identities = new ImportedIdentities(signers, classLoader);
		bootstrap.register(ImportedIdentities.class, InstanceSupplier.of(identities));
		bootstrap.addCloseListener((event) -> {
			if (!event.getBootstrapContext().isRegistered(BootstrapProviders.class)) {
				identities.check(Binder.get(event.getApplicationContext().getEnvironment()), event.getBootstrapContext());
			}
		});
	}

	private void check(Binder complete, BootstrapContext bootstrap) {
		Optional<CredentialProcessProperties> configured = CredentialProcessProviderFactory.bindIfConfigured(complete);
		Set<String> warned = new HashSet<>();
		Map<AwsClientType, String> mappings = configured.map(ClientMappings::of).orElseGet(Map::of);
		this.signers.forEach((type, signer) -> {
			if (!bootstrap.isRegistered(ClassUtils.resolveClassName(type.client(), this.classLoader))) {
				// No import built a client of this type.
				return;
			}
			String provider = mappings.getOrDefault(type, ProviderName.DEFAULT);
			ProviderProperties settings = configured.map((properties) -> settingsOf(properties, provider)).orElse(null);
			Signer now = (settings != null) ? new Signer(provider, settings) : Signer.springCloudAws();
			if (signer.isApplicationsOwn()) {
				// It stands in for the default provider, configured or not; a mapping to a named one it cannot.
				if (now.provider() != null && !ProviderName.DEFAULT.equals(now.provider())) {
					throw ClientMappings.changedAfterTheImport(type, ProviderName.DEFAULT, now.provider());
				}
				return;
			}
			if (!Objects.equals(signer.provider(), now.provider())) {
				throw (signer.provider() != null && now.provider() != null)
						? ClientMappings.changedAfterTheImport(type, signer.provider(), now.provider())
						: ClientMappings.configuredAfterTheImport(type, signer.described(), now.described());
			}
			if (signer.settings() != null) {
				String prefix = ProviderName.prefix(provider);
				List<String> differences = SettingsDifference.all(signer.settings(), settings, prefix);
				differences.stream()
					.filter((property) -> SettingsDifference.namesTheIdentity(property, prefix))
					.findFirst()
					.ifPresent((property) -> {
						throw ClientMappings.settingChangedAfterTheImport(type, provider, property);
					});
				differences.stream().filter(warned::add).forEach((property) -> logger.warn("The configuration import "
						+ "built the provider '{}' with {} as read when the import was met, and the application keeps "
						+ "that provider, so {} as set once every configuration file is read (in a profile's own file?) "
						+ "does not apply; set it in the file that declares spring.config.import", provider, property,
						property));
			}
		});
	}

	/** A provider's settings in the complete configuration; {@code null} when it is not configured. */
	private static ProviderProperties settingsOf(CredentialProcessProperties properties, String provider) {
		if (ProviderName.DEFAULT.equals(provider)) {
			return CredentialProcessProviderFactory.namesASource(properties) ? properties : null;
		}
		return properties.getProviders().get(provider);
	}

}
