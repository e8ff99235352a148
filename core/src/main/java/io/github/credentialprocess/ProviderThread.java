package io.github.credentialprocess;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The provider's one thread, {@value #NAME}: every run and every timed refresh happen on it, never on
 * a caller's thread, so a caller that is interrupted or gives up hurts only itself. One thread a
 * provider, a daemon, started when first needed.
 */
final class ProviderThread {

	static final String NAME = "credential-process-refresh";

	private final ScheduledThreadPoolExecutor executor;

	private volatile Thread thread;

	ProviderThread() {
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread created = new Thread(task, NAME);
			created.setDaemon(true);
			this.thread = created;
			return created;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		// On close, a refresh waiting for its time is dropped, but a task already due (a run a caller
		// waits for) still runs, finds the provider closed and completes its future.
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/** Whether the calling thread is this provider's own: a listener called from inside a run. */
	boolean isCurrentThread() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Runs a task on the provider's thread.
	 * @throws RejectedExecutionException when the provider is closed
	 */
	void execute(Runnable task) {
		this.executor.execute(task);
	}

	/**
	 * Runs a task after a delay, or never if the provider closes first.
	 * @return the scheduled task, or {@code null} when the provider is closed
	 */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		try {
			return this.executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	void shutdown() {
		this.executor.shutdown();
	}

}
