package io.github.credentialprocess.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.credentialprocess.autoconfigure.SensitiveProperties;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.PropertySourceInfo;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Masks every value that binds to {@code aws.credential-process.command}, {@code argv} (or one of
 * its elements) or {@code environment} (or one of its entries), in whatever spelling it was set:
 * the key is read as Spring Boot's relaxed binding reads it, and the name it binds to decides,
 * never the key's text. So {@code aws.credential_process.command},
 * {@code aws.credentialProcess.argv[1]} and, in the system environment,
 * {@code AWS_CREDENTIALPROCESS_ARGV_1_} or the legacy {@code AWS_CREDENTIAL_PROCESS_COMMAND} are
 * masked like {@code aws.credential-process.command}. The same properties of each named provider
 * ({@code aws.credential-process.providers.<name>.command}, ...) are masked too. A JSON document of
 * configuration ({@code spring.application.json}, {@code SPRING_APPLICATION_JSON}) is masked whole
 * when any value in it binds to one of them, named as Spring Boot flattens the document.
 */
final class CredentialProcessSanitizingFunction implements SanitizingFunction {

	/** Spring Boot's configuration as one JSON document, as a property or {@code SPRING_APPLICATION_JSON}. */
	private static final ConfigurationPropertyName APPLICATION_JSON = ConfigurationPropertyName.of("spring.application.json");

	@Override
	public SanitizableData apply(SanitizableData data) {
		boolean sensitive = isSensitive(data.getPropertySource(), data.getKey())
				|| (isApplicationJson(data.getPropertySource(), data.getKey()) && holdsSensitive(data.getValue()));
		return sensitive ? data.withSanitizedValue() : data;
	}

	/** Spring Boot reads the document under either name from every property source. */
	private static boolean isApplicationJson(PropertySource<?> source, String key) {
		return APPLICATION_JSON.equals(adapt(key, '.')) || key.equalsIgnoreCase("SPRING_APPLICATION_JSON")
				|| (isSystemEnvironment(source) && APPLICATION_JSON.equals(adapt(withoutPrefix(source, key), '_')));
	}

	/**
	 * Whether a JSON document of configuration sets a sensitive property: each of its values is
	 * named as Spring Boot flattens the document and judged as any other key. A document that cannot
	 * be read cannot be judged, and is masked.
	 */
	private static boolean holdsSensitive(Object json) {
		if (!(json instanceof String text)) {
			return json != null;
		}
		try {
			return flattened("", JsonParserFactory.getJsonParser().parseMap(text)).stream()
				.anyMatch((key) -> isSensitive(null, key));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private static List<String> flattened(String prefix, Object value) {
		List<String> keys = new ArrayList<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> keys.addAll(flattened(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child)));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				keys.addAll(flattened(prefix + "[" + i + "]", list.get(i)));
			}
		}
		keys.add(prefix);
		return keys;
	}

	/**
	 * Whether the key binds to a sensitive property. A key of the system environment binds through
	 * the environment-variable mapping ({@code _} between elements) as well as the ordinary one:
	 * Spring Boot reads it both ways, and the actuator names a value found there either way
	 * ({@code /actuator/env} by the variable, {@code /actuator/configprops} by the property).
	 */
	static boolean isSensitive(PropertySource<?> source, String key) {
		if (SensitiveProperties.isSensitive(adapt(key, '.'))) {
			return true;
		}
		return isSystemEnvironment(source) && SensitiveProperties.isSensitiveVariable(adapt(withoutPrefix(source, key), '_'));
	}

	/**
	 * A variable's name without the application's environment prefix
	 * ({@code SpringApplication.setEnvironmentPrefix("myapp")}: {@code MYAPP_AWS_CREDENTIALPROCESS_COMMAND}),
	 * which Spring Boot strips before it binds.
	 */
	private static String withoutPrefix(PropertySource<?> source, String key) {
		if (source instanceof PropertySourceInfo info && info.getPrefix() != null && !info.getPrefix().isEmpty()) {
			String prefix = info.getPrefix().endsWith("_") ? info.getPrefix() : info.getPrefix() + "_";
			if (key.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return key.substring(prefix.length());
			}
		}
		return key;
	}

	private static ConfigurationPropertyName adapt(String key, char separator) {
		try {
			return ConfigurationPropertyName.adapt(key, separator);
		}
		catch (RuntimeException ex) {
			// Not a name anything binds to.
			return ConfigurationPropertyName.EMPTY;
		}
	}

	/** Spring Boot's own test for a property source it maps as environment variables. */
	private static boolean isSystemEnvironment(PropertySource<?> source) {
		return source instanceof SystemEnvironmentPropertySource
				&& (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
						|| source.getName().endsWith("-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME));
	}

}
