package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Ties the provider to the application context's lifecycle.
 * <ul>
 * <li>Once every bean exists, the first process run starts, so that the first request does not
 * pay for it. With {@code fail-fast}, startup waits for that run and fails when it fails.</li>
 * <li>When the context stops (including for a CRaC checkpoint, {@code spring.context.checkpoint})
 * the provider stops: its scheduled refresh is cancelled, a running process tree is killed and the
 * cached credentials are dropped, so no secret is held across a checkpoint. When the context starts
 * again, fresh credentials are fetched in the background; what was cached before the stop is never
 * served again.</li>
 * </ul>
 * The phase is low: the provider starts before, and stops after, the web server and the message
 * listeners that use its credentials.
 */
class CredentialProcessLifecycle implements SmartInitializingSingleton, SmartLifecycle {

	/** Before the web server ({@code DEFAULT_PHASE - 2048}) and message listener containers. */
	static final int PHASE = Integer.MIN_VALUE + 1000;

	private final CredentialProcessProvider provider;

	private final boolean failFast;

	private final String name;

	private volatile boolean running;

	CredentialProcessLifecycle(CredentialProcessProvider provider, boolean failFast) {
		this(provider, failFast, ProviderName.DEFAULT);
	}

	CredentialProcessLifecycle(CredentialProcessProvider provider, boolean failFast, String name) {
		this.provider = provider;
		this.failFast = failFast;
		this.name = name;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.failFast) {
			CredentialProcessProviderFactory.requireFirstRunToSucceed(this.provider, this.name);
		}
		else {
			// Failures are logged and reported to the listeners; callers retry on demand.
			this.provider.prefetch();
		}
	}

	@Override
	public void start() {
		// The first start finds the provider running already (a new provider runs); a restart
		// fetches fresh credentials in the background.
		this.provider.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.provider.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
