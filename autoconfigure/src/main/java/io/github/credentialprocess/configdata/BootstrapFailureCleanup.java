package io.github.credentialprocess.configdata;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the providers a config import built when the startup fails, at whatever point: the import
 * itself, a listener of the prepared context, the refresh, a runner. Before the refresh the
 * application context cannot close anything, and a failed refresh leaves no context to close; no
 * provider is needed by anything once the startup has failed.
 */
final class BootstrapFailureCleanup implements SpringApplicationRunListener {

	private ConfigurableBootstrapContext bootstrapContext;

	BootstrapFailureCleanup(SpringApplication application, String[] args) {
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public void failed(ConfigurableApplicationContext context, Throwable exception) {
		if (this.bootstrapContext != null && this.bootstrapContext.isRegistered(BootstrapProviders.class)) {
			this.bootstrapContext.get(BootstrapProviders.class).close();
		}
	}

	@Override
	public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
		this.bootstrapContext = null;
	}

}
