package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Starts the first process run once every bean exists, so that the first request does not pay for
 * it. With {@code fail-fast}, waits for that run and refuses to start the application when it
 * fails.
 */
class CredentialProcessStartup implements SmartInitializingSingleton {

	private final CredentialProcessProvider provider;

	private final boolean failFast;

	CredentialProcessStartup(CredentialProcessProvider provider, boolean failFast) {
		this.provider = provider;
		this.failFast = failFast;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.failFast) {
			CredentialProcessProviderFactory.requireFirstRunToSucceed(this.provider);
		}
		else {
			// Failures are logged and reported to the listeners; callers retry on demand.
			this.provider.prefetch();
		}
	}

}
