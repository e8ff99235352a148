package io.github.credentialprocess;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a helper as the leader of a session, and so of a process group, of its own, through
 * {@value #SETSID} (util-linux; by its fixed path, as {@code /bin/kill}). Every process the helper
 * starts is in that group unless it leaves it on purpose, and the group can be stopped and killed
 * in one step ({@link ProcessTree}): a helper that forks, at any depth and however fast, cannot
 * outrun the kill. The process started is the helper itself: {@code setsid} makes the session and
 * then becomes the helper ({@code exec}), so its pid is the group's id.
 * <p>
 * A session of its own has no controlling terminal: a helper cannot read a prompt's answer from the
 * terminal the application runs in (its stdin is closed anyway); it must print its prompt on stderr
 * and take the answer elsewhere (a browser, a push notification). A helper that makes a session of
 * its own is refused ({@code setsid()} fails for a session leader), and one that runs
 * {@code setsid prog} without a fork of its own (bash's {@code exec setsid prog}) detaches
 * {@code prog} and exits at once. Where {@value #SETSID} is missing
 * (macOS, Windows) the helper starts as before, and {@link ProcessTree} freezes its tree process by
 * process.
 */
final class ProcessSession {

	static final String SETSID = "/usr/bin/setsid";

	private static final boolean AVAILABLE = File.separatorChar == '/' && Files.isExecutable(Path.of(SETSID));

	/**
	 * Whether helpers start in a session of their own here, so that their process group can be
	 * signalled.
	 * @return whether {@value #SETSID} is used
	 */
	static boolean isUsed() {
		return AVAILABLE;
	}

	private ProcessSession() {
	}

	/**
	 * The command line that starts a helper in a session of its own.
	 * @param argv the helper's program and arguments
	 * @return {@value #SETSID} and {@code --} followed by them, or them alone where {@value #SETSID}
	 * is missing
	 */
	static List<String> argv(List<String> argv) {
		if (!AVAILABLE) {
			return argv;
		}
		List<String> wrapped = new ArrayList<>(argv.size() + 2);
		wrapped.add(SETSID);
		// A program whose name starts with '-' is not an option of setsid.
		wrapped.add("--");
		wrapped.addAll(argv);
		return wrapped;
	}

	/**
	 * Whether the helper's program can be started, as the system would look it up: by its path when
	 * it names one, else on the {@code PATH}. Asked before {@value #SETSID} starts it, so that a
	 * missing program is reported as one, not as an exit status of {@code setsid}.
	 * @param program {@code argv[0]}
	 * @param environment the helper's own variables, whose {@code PATH}, if any, is searched
	 * @param workingDirectory the helper's working directory, or {@code null} for the application's
	 * @return whether an executable file is found; always {@code true} where {@value #SETSID} is not
	 * used (the system says so itself then)
	 */
	static boolean canStart(String program, Map<String, String> environment, Path workingDirectory) {
		if (!AVAILABLE) {
			return true;
		}
		Path base = (workingDirectory != null) ? workingDirectory : Path.of("");
		if (program.contains("/")) {
			return isExecutableFile(base.resolve(program));
		}
		String path = environment.getOrDefault("PATH", System.getenv("PATH"));
		if (path == null) {
			return false;
		}
		for (String directory : path.split(":", -1)) {
			if (isExecutableFile(base.resolve(directory).resolve(program))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isExecutableFile(Path file) {
		return Files.isRegularFile(file) && Files.isExecutable(file);
	}

}
