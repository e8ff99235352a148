package io.github.credentialprocess;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kills a process together with every process it started. {@link Process#destroyForcibly()} alone
 * kills only the direct child, which leaves a shell's children running and holding the output
 * pipes open.
 * <p>
 * A process that keeps forking would let a child escape a plain "list the descendants, then kill":
 * a child born after the listing is orphaned when its parent dies, and an orphan is no longer a
 * descendant. So on Unix the tree is frozen first. The helper leads a process group of its own
 * ({@link ProcessSession}), which gets {@code SIGSTOP} in one step: no member can fork past it.
 * Then, for the processes that left the group and for systems without {@code setsid}, the root and
 * every descendant get {@code SIGSTOP} (a stopped process cannot fork), the listing repeated until
 * it finds no one new; only then is the group killed in one step, and every frozen process
 * ({@link Signals}: {@code kill(2)} where the JVM allows native calls, else {@code /bin/kill}). Where no signal can be sent (Windows), the tree is
 * listed and killed without freezing.
 */
final class ProcessTree {

	/** Bounds the freezing of a tree that forks faster than it can be stopped; never reached in practice. */
	private static final int MAX_FREEZE_ROUNDS = 16;

	private static final boolean UNIX = File.separatorChar == '/';

	private ProcessTree() {
	}

	static void kill(Process process) {
		ProcessHandle root = process.toHandle();
		// The helper leads a process group of its own (ProcessSession): the whole group stops at
		// once, however fast or deep it forks; the freeze below then finds the descendants that left
		// the group while still in the tree. Only while the helper is alive: once it is gone its pid,
		// and so the group's id, may be another process's.
		boolean group = ProcessSession.isUsed() && process.isAlive();
		if (group) {
			Signals.stopGroup(root);
		}
		List<ProcessHandle> tree = UNIX ? freeze(root) : null;
		if (tree == null) {
			// Descendants must be listed before the parent dies: once orphaned they are no longer ours.
			tree = new ArrayList<>(root.descendants().toList());
			tree.add(0, root);
		}
		if (group) {
			Signals.killGroup(root);
		}
		process.destroyForcibly();
		tree.forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * Stops the root, then its descendants until no new descendant appears.
	 * @return every stopped process, the root first; {@code null} when signals cannot be sent
	 */
	private static List<ProcessHandle> freeze(ProcessHandle root) {
		// The root is stopped before anything is listed: the JDK lists descendants by reading every
		// process of the system, and starts over while their number grows, so a listing taken while
		// the root forks can last as long as the forking does (seconds on a slow machine).
		if (!Signals.stop(List.of(root))) {
			return null;
		}
		Set<ProcessHandle> frozen = new LinkedHashSet<>();
		frozen.add(root);
		List<ProcessHandle> found = root.descendants().toList();
		for (int round = 0; round < MAX_FREEZE_ROUNDS && !found.isEmpty(); round++) {
			if (!Signals.stop(found)) {
				return null;
			}
			frozen.addAll(found);
			// A process forked between the listing and the stop is a child of a now stopped process,
			// still in the tree: the next listing finds it.
			found = root.descendants().filter((handle) -> !frozen.contains(handle)).toList();
		}
		// Found in the last round and not stopped: killed all the same.
		frozen.addAll(found);
		return new ArrayList<>(frozen);
	}

}
