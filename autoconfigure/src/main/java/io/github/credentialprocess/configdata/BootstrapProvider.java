package io.github.credentialprocess.configdata;

import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessProvider;

/**
 * The provider of the bootstrap phase, once built, until the application context takes it over or
 * the startup fails. Kept apart from the AWS SDK types, so that the startup failure hook can use it
 * whatever is on the classpath.
 */
final class BootstrapProvider {

	private CredentialProcessProvider provider;

	private boolean handedOver;

	synchronized CredentialProcessProvider getOrCreate(Supplier<CredentialProcessProvider> factory) {
		if (this.provider == null) {
			this.provider = factory.get();
		}
		return this.provider;
	}

	/**
	 * The provider, for the application context to own from now on.
	 * @return the provider, or {@code null} when none was built
	 */
	synchronized CredentialProcessProvider handOver() {
		this.handedOver = true;
		return this.provider;
	}

	/**
	 * Closes a provider that no application context will ever own (the startup failed before the
	 * hand-over), so that its refresh thread does not outlive the failed startup.
	 */
	synchronized void closeUnlessHandedOver() {
		if (this.provider != null && !this.handedOver) {
			this.provider.close();
		}
	}

}
