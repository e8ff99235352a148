package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per file, when the AWS config file, the credential process executable, the script an
 * interpreter runs, or a directory above them can be written by group or others: whoever can change them can make the application run their code
 * and hand it their credentials.
 */
final class WritableFileWarning {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	private static final Set<Path> warned = ConcurrentHashMap.newKeySet();

	/** The checks whose warning the logger dropped, by file: run again by {@link #warnAgainWhereDropped()}. */
	private static final Map<Path, Runnable> dropped = new ConcurrentHashMap<>();

	private static final int GROUP_WRITE = 0020;

	private static final int OTHERS_WRITE = 0002;

	private static final int STICKY = 01000;

	private WritableFileWarning() {
	}

	/**
	 * Logs a warning if the file is writable by group or others.
	 * @param file the file to check; ignored when it does not exist or the file system has no POSIX
	 * permissions
	 * @param role what the file is, for the message
	 * @return whether the file is writable by group or others
	 */
	static boolean check(Path file, String role) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = Files.getPosixFilePermissions(file);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
		boolean writable = permissions.contains(PosixFilePermission.GROUP_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE);
		if (writable && warnNow(file.toAbsolutePath().normalize(), () -> check(file, role))) {
			logger.warn("The {} {} is writable by group or others, who could make this application run their own "
					+ "code for credentials; lock it down with 'chmod go-w {}'", role, file, file);
		}
		return writable;
	}

	/**
	 * Logs a warning for each directory above the file that group or others can write without the
	 * sticky bit: whoever can write such a directory can rename the file away and put their own in
	 * its place. Directories with the sticky bit ({@code /tmp}) only let owners rename their files.
	 * @param file the file whose directories to check; ignored where the file system cannot tell
	 * (no {@code unix} attribute view)
	 * @param role what the file is, for the message
	 */
	static void checkDirectories(Path file, String role) {
		for (Path directory = file.toAbsolutePath().normalize().getParent(); directory != null;
				directory = directory.getParent()) {
			int mode;
			try {
				mode = (Integer) Files.getAttribute(directory, "unix:mode");
			}
			catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
				return;
			}
			boolean writable = (mode & (GROUP_WRITE | OTHERS_WRITE)) != 0;
			if (writable && (mode & STICKY) == 0 && warnNow(directory, () -> checkDirectories(file, role))) {
				logger.warn("The directory {} of the {} {} is writable by group or others without the sticky bit, "
						+ "so they could replace the file with their own; lock it down with 'chmod go-w {}'", directory,
						role, file, directory);
			}
		}
	}

	/**
	 * Whether to log the warning about a file now: once per file, and only when the logger takes it
	 * (a warning logged before the application's logging works is dropped, so it does not count as
	 * given); otherwise the check is kept, to be run again by {@link #warnAgainWhereDropped()}.
	 */
	private static boolean warnNow(Path file, Runnable checkAgain) {
		if (!logger.isWarnEnabled()) {
			dropped.put(file, checkAgain);
			return false;
		}
		dropped.remove(file);
		return warned.add(file);
	}

	/** Runs again the checks whose warning was dropped, so that each is logged once the logger takes it. */
	static void warnAgainWhereDropped() {
		dropped.values().forEach(Runnable::run);
	}

	/**
	 * Finds the executable a command names: a path as given, or the first match on the PATH.
	 * @return the file, or {@code null} when it cannot be found
	 */
	static Path locateExecutable(String executable, Path workingDirectory) {
		if (executable.isEmpty()) {
			return null;
		}
		if (executable.indexOf('/') >= 0 || executable.indexOf('\\') >= 0) {
			return locateFile(executable, workingDirectory);
		}
		try {
			return searchPath(executable);
		}
		catch (InvalidPathException ex) {
			// Not a file name this system can have; starting it will fail with a clear message.
			return null;
		}
	}

	/**
	 * Finds a file named by a path, relative to the working directory when not absolute.
	 * @return the file, or {@code null} when it cannot be found
	 */
	static Path locateFile(String file, Path workingDirectory) {
		try {
			Path path = Path.of(file);
			if (!path.isAbsolute() && workingDirectory != null) {
				path = workingDirectory.resolve(path);
			}
			return Files.isRegularFile(path) ? path : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	private static Path searchPath(String executable) {
		String searchPath = System.getenv("PATH");
		if (searchPath == null) {
			return null;
		}
		for (String directory : searchPath.split(java.io.File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, executable);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

}
