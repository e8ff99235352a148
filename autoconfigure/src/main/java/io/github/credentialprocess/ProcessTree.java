package io.github.credentialprocess;

import java.util.List;

/**
 * Kills a process together with every process it started. {@link Process#destroyForcibly()} alone
 * kills only the direct child, which leaves a shell's children running and holding the output
 * pipes open.
 */
final class ProcessTree {

	private ProcessTree() {
	}

	static void kill(Process process) {
		// Descendants must be listed before the parent dies: once orphaned they are no longer ours.
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

}
