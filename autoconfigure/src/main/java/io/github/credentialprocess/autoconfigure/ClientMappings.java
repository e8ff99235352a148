package io.github.credentialprocess.autoconfigure;

import java.util.LinkedHashMap;
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
			mappings.put(type, provider);
		});
		return mappings;
	}

}
