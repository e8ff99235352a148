package io.github.credentialprocess.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The properties whose values may hold a secret and are never shown: {@code command},
 * {@code argv} (or one of its elements) and {@code environment} (or one of its entries), of the
 * default provider and of each named one. Judged by the name a key binds to, never by its text:
 * the one rule of the actuator's sanitizing and of the failure analysis of a bind failure.
 */
public final class SensitiveProperties {

	private static final List<String> SENSITIVE_PROPERTIES = List.of("command", "argv", "environment");

	private static final List<ConfigurationPropertyName> SENSITIVE = names("aws.credential-process");

	/**
	 * The same names as a legacy environment variable binds to them: every dash of the name an
	 * underscore too ({@code AWS_CREDENTIAL_PROCESS_COMMAND}), as Spring Boot still accepts.
	 */
	private static final List<ConfigurationPropertyName> SENSITIVE_LEGACY = names("aws.credential.process");

	private SensitiveProperties() {
	}

	/**
	 * Whether a name binds to a sensitive property.
	 * @param name the name, as Spring Boot's relaxed binding reads a key
	 * @return whether its value may hold a secret
	 */
	public static boolean isSensitive(ConfigurationPropertyName name) {
		return bindsTo(SENSITIVE, name);
	}

	/**
	 * Whether a name read from an environment variable binds to a sensitive property, also in the
	 * legacy mapping.
	 * @param name the name, as Spring Boot maps an environment variable
	 * @return whether its value may hold a secret
	 */
	public static boolean isSensitiveVariable(ConfigurationPropertyName name) {
		return bindsTo(SENSITIVE, name) || bindsTo(SENSITIVE_LEGACY, name);
	}

	private static boolean bindsTo(List<ConfigurationPropertyName> sensitive, ConfigurationPropertyName name) {
		if (sensitive.stream().anyMatch((candidate) -> candidate.equals(name) || candidate.isAncestorOf(name))) {
			return true;
		}
		// A named provider's: <prefix>.providers.<name>.command, argv or environment.
		ConfigurationPropertyName providers = sensitive.get(0).getParent().append("providers");
		int property = providers.getNumberOfElements() + 1;
		return providers.isAncestorOf(name) && name.getNumberOfElements() > property && SENSITIVE_PROPERTIES
			.contains(name.getElement(property, ConfigurationPropertyName.Form.UNIFORM));
	}

	private static List<ConfigurationPropertyName> names(String prefix) {
		return SENSITIVE_PROPERTIES.stream()
			.map((property) -> ConfigurationPropertyName.of(prefix + "." + property))
			.toList();
	}

}
