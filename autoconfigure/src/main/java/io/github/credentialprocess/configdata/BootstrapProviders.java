package io.github.credentialprocess.configdata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The providers of the bootstrap phase by name, the default one and each named one a config import
 * needed: one holder a name, whoever closes this closes every provider built. Kept apart from the
 * AWS SDK types, so that the startup failure hook ({@link BootstrapFailureCleanup}) can use it
 * whatever is on the class path.
 */
final class BootstrapProviders {

	private final Map<String, BootstrapProvider> providers = new LinkedHashMap<>();

	/**
	 * The holder of a provider, created on first use.
	 * @param name the provider's name
	 * @return its holder; the provider itself is built when first asked for
	 */
	synchronized BootstrapProvider holder(String name) {
		return this.providers.computeIfAbsent(name, (key) -> new BootstrapProvider());
	}

	/**
	 * Closes every provider built; closing again does nothing.
	 */
	synchronized void close() {
		this.providers.values().forEach(BootstrapProvider::close);
	}

}
