package io.github.credentialprocess.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Reads every key under {@code aws.credential-process} in every property source and warns once per
 * key that no property of {@link CredentialProcessProperties} binds, with the closest known name
 * ("did you mean {@code timeout}?"). The known names are read from the properties class itself, so
 * that a new property is known without a list to keep. A key under {@code providers.<name>} is
 * checked against the settings of a provider ({@link ProviderProperties}); any key under
 * {@code clients} is known (its check, with an error, is the registrar's). Only names are logged,
 * never a value.
 */
final class UnknownPropertiesWarning implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProperties.class);

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("aws.credential-process");

	/** Known names in kebab case ({@code retry.max-delay}); map-valued ones take any key below them. */
	private static final Map<String, Boolean> KNOWN = knownNames(CredentialProcessProperties.class);

	/** Known names of a named provider, below {@code providers.<name>}. */
	private static final Map<String, Boolean> KNOWN_PER_PROVIDER = knownNames(ProviderProperties.class);

	private static final String PROVIDERS = "providers";

	private final Environment environment;

	UnknownPropertiesWarning(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		unknownKeys().forEach((key) -> logger.warn("{}{} is not a property of this starter and is ignored{}", PREFIX + ".",
				key, closest(key).map((known) -> "; did you mean " + PREFIX + "." + known + "?").orElse("")));
	}

	/** Each unknown key once, in the order the property sources give them, relative to the prefix. */
	Set<String> unknownKeys() {
		Set<String> unknown = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(PREFIX::isAncestorOf).forEach((name) -> {
					String key = relativeKey(name);
					if (!isKnown(key)) {
						unknown.add(key);
					}
				});
			}
		}
		return unknown;
	}

	private static String relativeKey(ConfigurationPropertyName name) {
		List<String> elements = new ArrayList<>();
		for (int i = PREFIX.getNumberOfElements(); i < name.getNumberOfElements() && !name.isNumericIndex(i); i++) {
			elements.add(name.getElement(i, Form.DASHED));
		}
		return String.join(".", elements);
	}

	private static boolean isKnown(String key) {
		String[] provider = namedProviderKey(key);
		if (provider != null) {
			return provider[1].isEmpty() || isKnown(provider[1], KNOWN_PER_PROVIDER);
		}
		return isKnown(key, KNOWN);
	}

	private static boolean isKnown(String key, Map<String, Boolean> knownNames) {
		String uniform = uniform(key);
		return knownNames.entrySet()
			.stream()
			.anyMatch((known) -> uniform.equals(uniform(known.getKey()))
					|| (known.getValue() && uniform.startsWith(uniform(known.getKey()) + ".")));
	}

	/** The known name at the smallest edit distance, if it is close enough to be a slip. */
	private static Optional<String> closest(String key) {
		String[] provider = namedProviderKey(key);
		if (provider != null) {
			return closest(provider[1], KNOWN_PER_PROVIDER).map((known) -> provider[0] + known);
		}
		return closest(key, KNOWN);
	}

	private static Optional<String> closest(String key, Map<String, Boolean> knownNames) {
		return knownNames.keySet()
			.stream()
			.min(Comparator.comparingInt((known) -> distance(key, known)))
			.filter((known) -> distance(key, known) <= Math.max(2, known.length() / 3));
	}

	/**
	 * Splits {@code providers.billing.timout} into {@code providers.billing.} and {@code timout}
	 * (empty for {@code providers.billing} itself); {@code null} for a key not under a named provider.
	 */
	private static String[] namedProviderKey(String key) {
		String[] elements = key.split("\\.", 3);
		if (elements.length < 2 || !uniform(elements[0]).equals(PROVIDERS)) {
			return null;
		}
		return new String[] { elements[0] + "." + elements[1] + ".", (elements.length == 3) ? elements[2] : "" };
	}

	/** Lower case without dashes or underscores, as relaxed binding compares names. */
	private static String uniform(String key) {
		return key.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Map<String, Boolean> knownNames(Class<?> type) {
		Map<String, Boolean> known = new java.util.LinkedHashMap<>();
		addProperties(type, "", known);
		return Map.copyOf(known);
	}

	private static void addProperties(Class<?> type, String prefix, Map<String, Boolean> known) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + kebab(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			// Nested groups such as retry are classes declared inside the properties classes.
			if (propertyType.getDeclaringClass() == CredentialProcessProperties.class
					|| propertyType.getDeclaringClass() == ProviderProperties.class) {
				addProperties(propertyType, name + ".", known);
			}
			else {
				known.put(name, Map.class.isAssignableFrom(propertyType));
			}
		}
	}

	private static String kebab(String camel) {
		StringBuilder kebab = new StringBuilder();
		camel.chars().forEach((c) -> {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append((char) Character.toLowerCase(c));
			}
			else {
				kebab.append((char) c);
			}
		});
		return kebab.toString();
	}

}
