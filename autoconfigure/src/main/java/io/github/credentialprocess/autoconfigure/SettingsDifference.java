package io.github.credentialprocess.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The first setting in which two bindings of one provider's properties differ, named as it is
 * configured ({@code aws.credential-process.providers.billing.max-buffer-size}), never with its
 * value. Every property of {@link ProviderProperties} takes part, read through its getters, so a
 * setting added later is compared without being listed here; a read-only property is a group of
 * nested settings ({@code retry}) and is compared setting by setting.
 */
public final class SettingsDifference {

	private static final Set<String> IDENTITY = Set.of("command", "argv", "profile", "environment", "working-directory");

	private SettingsDifference() {
	}

	/**
	 * Compares two bindings of a provider's properties.
	 * @param before the properties one binding gave
	 * @param after the properties another gave
	 * @param prefix the provider's prefix ({@link ProviderName#prefix(String)})
	 * @return the first property whose value differs, by its configured name; empty when none does
	 */
	public static Optional<String> first(ProviderProperties before, ProviderProperties after, String prefix) {
		return all(before, after, prefix).stream().findFirst();
	}

	/**
	 * Compares two bindings of a provider's properties.
	 * @param before the properties one binding gave
	 * @param after the properties another gave
	 * @param prefix the provider's prefix ({@link ProviderName#prefix(String)})
	 * @return every property whose value differs, by its configured name, in the order of the names
	 */
	public static List<String> all(ProviderProperties before, ProviderProperties after, String prefix) {
		List<String> differences = new ArrayList<>();
		collect(ProviderProperties.class, before, after, prefix, differences);
		return differences;
	}

	/**
	 * Whether a setting says who the provider signs as: what it runs ({@code command}, {@code argv},
	 * {@code profile}), with which variables ({@code environment}) and where
	 * ({@code working-directory}). The others say how (timeouts, refresh times, retries).
	 * @param property the setting's configured name
	 * @param prefix the provider's prefix
	 * @return whether a different value may sign as another identity
	 */
	public static boolean namesTheIdentity(String property, String prefix) {
		return property.startsWith(prefix) && IDENTITY.contains(property.substring(prefix.length()).split("\\.")[0]);
	}

	private static void collect(Class<?> type, Object before, Object after, String prefix, List<String> differences) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = property.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object was = ReflectionUtils.invokeMethod(getter, before);
			Object is = ReflectionUtils.invokeMethod(getter, after);
			String name = prefix + kebabCase(property.getName());
			if (property.getWriteMethod() == null && was != null && is != null) {
				collect(property.getPropertyType(), was, is, name + ".", differences);
			}
			else if (!Objects.equals(was, is)) {
				differences.add(name);
			}
		}
	}

	private static String kebabCase(String propertyName) {
		return propertyName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
