package io.github.credentialprocess.configdata;

import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessProvider;

/**
 * Owns the provider of the bootstrap phase, once built: whoever closes this closes the provider.
 * That is the application context from the hand-over on (which destroys this as a bean when it
 * closes or its refresh fails), and the startup failure hook for a startup that fails at any point.
 * Kept apart from the AWS SDK types, so that the failure hook can use it whatever is on the
 * classpath.
 */
final class BootstrapProvider {

	private CredentialProcessProvider provider;

	private boolean closed;

	/**
	 * The provider, built on first use.
	 * @throws IllegalStateException once closed: a provider built then would have no owner
	 */
	synchronized CredentialProcessProvider getOrCreate(Supplier<CredentialProcessProvider> factory) {
		if (this.provider == null) {
			if (this.closed) {
				throw new IllegalStateException("The credential process provider of the configuration import is "
						+ "closed: its application context has closed or failed to start");
			}
			this.provider = factory.get();
		}
		return this.provider;
	}

	/**
	 * The provider.
	 * @return the provider, or {@code null} when none was built (no import asked for credentials)
	 */
	synchronized CredentialProcessProvider built() {
		return this.provider;
	}

	/**
	 * Closes the provider, if one was built: its refresh thread stops and a running process is
	 * killed. Closing again does nothing.
	 */
	synchronized void close() {
		this.closed = true;
		if (this.provider != null) {
			this.provider.close();
		}
	}

}
