package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;

/**
 * What a provider logs when it is built, logged only once the logger takes it. A framework may
 * build the provider before its logging is set up: Spring Boot drops every event until its logging
 * system is initialised, and builds the provider earlier than that for a config import
 * ({@code spring.config.import=aws-...}). A line dropped then is kept and logged by
 * {@link #logDropped()}, together with the warnings about files others could write that were
 * dropped ({@link WritableFileWarning} keeps those, once per file).
 */
final class StartupLog {

	private final Logger logger;

	/** Lines the logger did not take, each kept again by itself while it still does not. */
	private final List<Runnable> dropped = new ArrayList<>();

	StartupLog(Logger logger) {
		this.logger = logger;
	}

	/** Says where the credentials come from, and warns of files others could change. */
	void announce(ProviderSettings settings, ProcessCommand command) {
		if (command == null) {
			info("The AWS profile holds static keys and no credential_process; no process is run");
			return;
		}
		WritableFileWarning.checkCommand(command, settings.workingDirectory, settings.environment);
		info("AWS credentials come from the credential process '{}' (arguments not shown): a run may take {}; "
				+ "credentials are refreshed {} to {} before they expire (expiry window less up to {}% at random), "
				+ "a failed refresh is retried after {} to {}", command.executableName(), Durations.format(settings.timeout),
				Durations.format(settings.expiryWindow),
				Durations.format(settings.expiryWindow.multipliedBy(Math.round((1 - settings.refreshJitter) * 1000))
					.dividedBy(1000)),
				Math.round(settings.refreshJitter * 100), Durations.format(settings.retryInitialDelay),
				Durations.format(settings.retryMaxDelay));
	}

	void info(String format, Object... arguments) {
		if (this.logger.isInfoEnabled()) {
			this.logger.info(format, arguments);
		}
		else {
			synchronized (this.dropped) {
				this.dropped.add(() -> info(format, arguments));
			}
		}
	}

	/** Logs what was dropped, where the logger takes it now; the rest is kept for a later call. */
	void logDropped() {
		WritableFileWarning.warnAgainWhereDropped();
		List<Runnable> again;
		synchronized (this.dropped) {
			again = List.copyOf(this.dropped);
			this.dropped.clear();
		}
		again.forEach(Runnable::run);
	}

}
