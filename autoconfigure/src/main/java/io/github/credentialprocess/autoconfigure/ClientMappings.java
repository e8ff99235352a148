package io.github.credentialprocess.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which provider each Spring Cloud AWS client type signs with ({@code aws.credential-process.clients}),
 * checked against the configured providers. The one check, for the application context and for the
 * config import's bootstrap phase alike: a key that is not a client type Spring Cloud AWS has, or a
 * value that is not a configured provider, stops the startup with the valid names.
 */
public final class ClientMappings {

	private static final String CLIENTS = OnCredentialProcessSourceCondition.PREFIX + "clients";

	private ClientMappings() {
	}

	/**
	 * The mappings of a bound configuration, checked.
	 * @param properties the bound {@code aws.credential-process.*}
	 * @return the provider's name by client type, in the order configured
	 * @throws CredentialProcessConfigurationException when a provider's name, a client type or a
	 * mapped provider is not valid
	 */
	public static Map<AwsClientType, String> of(CredentialProcessProperties properties) {
		Set<String> names = new TreeSet<>(properties.getProviders().keySet());
		names.forEach(ProviderName::requireValid);
		return check(properties.getClients(), names, CredentialProcessProviderFactory.namesASource(properties));
	}

	static Map<AwsClientType, String> check(Map<String, String> clients, Set<String> names, boolean hasDefault) {
		Set<String> valid = new TreeSet<>(names);
		if (hasDefault) {
			valid.add(ProviderName.DEFAULT);
		}
		Map<AwsClientType, String> mappings = new LinkedHashMap<>();
		Map<AwsClientType, String> keys = new LinkedHashMap<>();
		clients.forEach((key, provider) -> {
			String property = CLIENTS + "." + key;
			AwsClientType type = AwsClientType.of(key)
				.orElseThrow(() -> new CredentialProcessConfigurationException("Invalid credential process "
						+ "configuration: " + property + " names a client type Spring Cloud AWS does not have.",
						"Use one of the client types " + AwsClientType.keys() + "."));
			if (!valid.contains(provider)) {
				throw new CredentialProcessConfigurationException("Invalid credential process configuration: " + property
						+ " is '" + provider + "', which is not a configured provider.",
						valid.isEmpty() ? "Configure a provider under " + ProviderName.PROVIDERS_PREFIX + "<name>."
								: "Set " + property + " to one of " + String.join(", ", valid) + ", or configure a provider "
										+ "under " + ProviderName.PROVIDERS_PREFIX + provider + ".");
			}
			String earlier = mappings.putIfAbsent(type, provider);
			if (earlier != null && !earlier.equals(provider)) {
				// Two spellings of one type (parameter-store in a file, parameter.store from the
				// environment variable AWS_CREDENTIALPROCESS_CLIENTS_PARAMETER_STORE) are two keys of
				// the map: which one wins would depend on who reads it.
				throw new CredentialProcessConfigurationException("Invalid credential process configuration: "
						+ CLIENTS + "." + keys.get(type) + " is '" + earlier + "' and " + property + " is '" + provider
						+ "': both name the client type " + type.key() + ".",
						"Map the client type " + type.key() + " under one key. An environment variable cannot spell a "
								+ "dash: to override a file's mapping with one, write the key without it in the file ("
								+ CLIENTS + "." + type.key().replace("-", "") + ") and in the variable (AWS_CREDENTIALPROCESS_CLIENTS_"
								+ type.key().replace("-", "").toUpperCase(Locale.ROOT) + ").");
			}
			keys.putIfAbsent(type, key);
		});
		return mappings;
	}

	/**
	 * The error of a client type mapped to a provider while the bootstrap registry holds a customizer
	 * of that type already, which cannot be wrapped once created, nor replaced.
	 * @param type the client type
	 * @param provider the provider it is mapped to
	 * @param customizerType the customizer interface of the type
	 * @return the error, whose failure analysis says what to do
	 */
	public static RuntimeException heldByAnotherBootstrapCustomizer(AwsClientType type, String provider,
			Class<?> customizerType) {
		String property = CLIENTS + "." + type.key();
		return new CredentialProcessConfigurationException("Invalid credential process configuration: " + property
				+ " maps the configuration import's " + type.key() + " client to the provider '" + provider
				+ "', but the bootstrap registry already holds a " + customizerType.getSimpleName()
				+ " of the application's, and it holds one customizer a client type.",
				"Either remove " + property + " and let your customizer set the credentials, or register your "
						+ "customizer in the application context, where the starter's runs first and yours after it.");
	}

	/**
	 * The error of a client type that an import built with one provider while the complete
	 * configuration maps it to another: the mapping was set in a file read after the import was met.
	 * @param type the client type
	 * @param signedAs the provider the import's client signed as
	 * @param configured the provider the complete configuration names
	 * @return the error, whose failure analysis says what to do
	 */
	public static RuntimeException changedAfterTheImport(AwsClientType type, String signedAs, String configured) {
		String property = CLIENTS + "." + type.key();
		return new CredentialProcessConfigurationException("Invalid credential process configuration: the "
				+ "configuration import's " + type.key() + " client signed as the provider '" + signedAs + "', but "
				+ property + " is '" + configured + "' once every configuration file is read: it was set in a file "
				+ "read after the import was met, such as a profile's own file.",
				"Set " + property + " in the file that declares spring.config.import, or in one read before it.");
	}

	/**
	 * The error of a client an import built with a provider whose settings the complete configuration
	 * changes: the setting was changed in a file read after the import was met.
	 * @param type the client type
	 * @param signedAs the provider the import's client signed as
	 * @param property the first setting that differs, by its configured name; its values are never
	 * shown
	 * @return the error, whose failure analysis says what to do
	 */
	public static RuntimeException settingChangedAfterTheImport(AwsClientType type, String signedAs, String property) {
		return new CredentialProcessConfigurationException("Invalid credential process configuration: the "
				+ "configuration import's " + type.key() + " client signed as the provider '" + signedAs + "' with "
				+ property + " as read when the import was met, but " + property + " is different once every "
				+ "configuration file is read: it was changed in a file read after the import was met, such as a "
				+ "profile's own file.",
				"Set " + property + " in the file that declares spring.config.import, or in one read before it; or "
						+ "declare the import in the file that sets it.");
	}

	/**
	 * The error of a client an import built with other credentials than the provider the complete
	 * configuration names for it: Spring Cloud AWS's own when no provider was configured when the
	 * import was met, or a provider configured then that the complete configuration no longer has.
	 * @param type the client type
	 * @param signedAs what the import's client signed as, as a reader would name it
	 * @param configured what the complete configuration names, as a reader would name it
	 * @return the error, whose failure analysis says what to do
	 */
	public static RuntimeException configuredAfterTheImport(AwsClientType type, String signedAs, String configured) {
		return new CredentialProcessConfigurationException("Invalid credential process configuration: the "
				+ "configuration import's " + type.key() + " client signed with " + signedAs + ", but once every "
				+ "configuration file is read it signs with " + configured + ": the providers were configured in a "
				+ "file read after the import was met, such as a profile's own file.",
				"Configure " + OnCredentialProcessSourceCondition.PREFIX + "* in the file that declares "
						+ "spring.config.import, or in one read before it; or declare the import in the file that "
						+ "configures the provider.");
	}

}
