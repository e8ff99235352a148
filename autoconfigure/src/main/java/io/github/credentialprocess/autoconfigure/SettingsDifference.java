package io.github.credentialprocess.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

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
		return first(ProviderProperties.class, before, after, prefix);
	}

	private static Optional<String> first(Class<?> type, Object before, Object after, String prefix) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = property.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object was = ReflectionUtils.invokeMethod(getter, before);
			Object is = ReflectionUtils.invokeMethod(getter, after);
			String name = prefix + kebabCase(property.getName());
			Optional<String> difference = (property.getWriteMethod() == null && was != null && is != null)
					? first(property.getPropertyType(), was, is, name + ".")
					: Objects.equals(was, is) ? Optional.empty() : Optional.of(name);
			if (difference.isPresent()) {
				return difference;
			}
		}
		return Optional.empty();
	}

	private static String kebabCase(String propertyName) {
		return propertyName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
