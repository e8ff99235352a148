package io.github.credentialprocess;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills the helpers still running when the JVM exits (Ctrl-C, {@code SIGTERM}, {@code System.exit})
 * without having closed their providers: a helper leads a session of its own
 * ({@link ProcessSession}), so neither the terminal's signals nor the end of the JVM's session
 * reach it, and it would outlive the application. One shutdown hook for every provider, added with
 * the first helper.
 */
final class HelpersAtExit {

	static final String THREAD_NAME = "credential-process-exit";

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean HOOKED = new AtomicBoolean();

	private HelpersAtExit() {
	}

	/** A helper has started: it is killed at exit unless it {@linkplain #ended(Process) ended} first. */
	static void started(Process process) {
		if (HOOKED.compareAndSet(false, true)) {
			try {
				Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProcessTree::kill), THREAD_NAME));
			}
			catch (IllegalStateException ex) {
				// The JVM is exiting already; the helper is killed by its provider's close, if at all.
			}
		}
		RUNNING.add(process);
	}

	/** A helper has ended, or was killed. */
	static void ended(Process process) {
		RUNNING.remove(process);
	}

}
