package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per file and problem, when someone other than root and this application's user can
 * change what the application runs for credentials: the AWS config file, the credential process
 * executable, the script an interpreter runs, or a directory above them (as named, through every
 * symbolic link, and as finally resolved). Whoever can change them can make the application run
 * their code and hand it their credentials.
 */
final class WritableFileWarning {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	/** Warnings given, so that each is given once. */
	private static final Set<Warning> warned = ConcurrentHashMap.newKeySet();

	/** Warnings the logger dropped, with how to give each again: see {@link #warnAgainWhereDropped()}. */
	private static final Map<Warning, Runnable> dropped = new ConcurrentHashMap<>();

	private static final int GROUP_WRITE = 0020;

	private static final int OTHERS_WRITE = 0002;

	private static final int STICKY = 01000;

	/** As many links as Linux follows in one path; more is a loop. */
	private static final int MAX_LINKS = 40;

	/** {@code sh -c "sh -c '...'"} is looked into this deep, and no deeper. */
	private static final int MAX_SHELL_DEPTH = 4;

	private record Warning(Path path, String problem) {
	}

	/** What a file or directory allows: its mode bits and owner. */
	private record Access(int mode, UserPrincipal owner) {

		boolean writableByOthers() {
			return (this.mode & (GROUP_WRITE | OTHERS_WRITE)) != 0;
		}

	}

	private WritableFileWarning() {
	}

	/**
	 * Checks what a command runs: its executable and the program {@code env} runs, found as the
	 * helper will find them (on the {@code PATH} of its environment), and what an interpreter loads
	 * as code: its script and the files its options load.
	 * @param command the command
	 * @param workingDirectory where relative paths start, or {@code null} for this process's
	 * @param environment the variables added to the helper's environment
	 */
	static void checkCommand(ProcessCommand command, Path workingDirectory, Map<String, String> environment) {
		checkCommand(command, workingDirectory, environment, 0);
	}

	private static void checkCommand(ProcessCommand command, Path workingDirectory, Map<String, String> environment,
			int depth) {
		String searchPath = environment.getOrDefault("PATH", System.getenv("PATH"));
		// Every program of a command line: true && helper, helper | tee, cd /opt && exec ./helper.
		for (List<String> simple : command.simpleCommands()) {
			checkProgram(simple.get(0), simple.subList(1, simple.size()), workingDirectory, environment, searchPath,
					depth);
		}
	}

	private static void checkProgram(String program, List<String> arguments, Path workingDirectory,
			Map<String, String> environment, String searchPath, int depth) {
		Interpreters.Launch launch = Interpreters.launch(program, arguments,
				(word) -> locateFile(word, workingDirectory) != null);
		check(locateExecutable(program, workingDirectory, searchPath), "credential process executable");
		launch.launchedProgram()
			.ifPresent((launched) -> check(locateExecutable(launched, workingDirectory, searchPath),
					"credential process executable"));
		launch.script().ifPresent((script) -> check(locateFile(script, workingDirectory), "credential process script"));
		launch.loaded().forEach((file) -> check(locateFile(file, workingDirectory), "file the credential process loads"));
		// bash -c '/opt/helper.sh': the shell's command line runs programs of its own.
		launch.shellCode()
			.filter((code) -> depth < MAX_SHELL_DEPTH && !code.isBlank())
			.ifPresent((code) -> checkCommand(ProcessCommand.shell(code), workingDirectory, environment, depth + 1));
	}

	/**
	 * Checks a file and every directory above it, along its path as named, along the path of every
	 * symbolic link on the way, and along its real path; directories with the sticky bit
	 * ({@code /tmp}) only let owners rename their files and pass.
	 * @param file the file, or {@code null} (nothing to check); ignored where the file system cannot
	 * tell (no {@code unix} attribute view) or the file does not exist
	 * @param role what the file is, for the message
	 */
	static void check(Path file, String role) {
		if (file == null) {
			return;
		}
		Path named = file.toAbsolutePath().normalize();
		Path real;
		try {
			real = file.toRealPath();
		}
		catch (IOException ex) {
			return;
		}
		String description = named.equals(real) ? named.toString() : named + " (" + real + ")";
		Set<Path> directories = new LinkedHashSet<>();
		addDirectories(named, directories);
		Path hop = named;
		for (int links = 0; links < MAX_LINKS && Files.isSymbolicLink(hop); links++) {
			try {
				hop = hop.resolveSibling(Files.readSymbolicLink(hop)).normalize();
			}
			catch (IOException ex) {
				break;
			}
			addDirectories(hop, directories);
		}
		addDirectories(real, directories);
		Access access = access(real);
		if (access == null) {
			return;
		}
		if (access.writableByOthers()) {
			warn(real, "writable", "The {} {} is writable by group or others, who could make this application run "
					+ "their own code for credentials; lock it down with 'chmod go-w {}'", role, description, real);
		}
		if (TrustedOwners.isForeign(access.owner())) {
			warn(real, "owner", "The {} {} is owned by {}, neither root nor this application's user ({}), who could "
					+ "make this application run their own code for credentials; hand it over with 'chown root {}'",
					role, description, access.owner().getName(), TrustedOwners.applicationUser(), real);
		}
		for (Path directory : directories) {
			checkDirectory(directory, role, description);
		}
	}

	private static void checkDirectory(Path directory, String role, String file) {
		Access access = access(directory);
		if (access == null) {
			return;
		}
		if (access.writableByOthers() && (access.mode() & STICKY) == 0) {
			warn(directory, "writable", "The directory {} of the {} {} is writable by group or others without the "
					+ "sticky bit, so they could replace the file with their own; lock it down with 'chmod go-w {}'",
					directory, role, file, directory);
		}
		if (TrustedOwners.isForeign(access.owner())) {
			warn(directory, "owner", "The directory {} of the {} {} is owned by {}, neither root nor this "
					+ "application's user ({}), who could replace the file with their own; hand it over with "
					+ "'chown root {}'", directory, role, file, access.owner().getName(),
					TrustedOwners.applicationUser(), directory);
		}
	}

	private static void addDirectories(Path file, Set<Path> directories) {
		for (Path directory = file.getParent(); directory != null; directory = directory.getParent()) {
			directories.add(directory);
		}
	}

	/** The mode bits and owner, following links; {@code null} where they cannot be read. */
	private static Access access(Path path) {
		try {
			Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,owner");
			return new Access((Integer) attributes.get("mode"), (UserPrincipal) attributes.get("owner"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A warning counts as given only when it was logged: one raised while warnings are not logged
	 * (Spring Boot's bootstrap phase, before logging is set up) is raised again next time.
	 */
	/**
	 * Logs a warning once per file and problem, and only when the logger takes it: a warning logged
	 * before the application's logging works (Spring Boot drops every event until then) does not
	 * count as given, and is kept for {@link #warnAgainWhereDropped()}.
	 */
	private static void warn(Path path, String problem, String format, Object... arguments) {
		Warning warning = new Warning(path, problem);
		if (!logger.isWarnEnabled()) {
			if (!warned.contains(warning)) {
				dropped.put(warning, () -> warn(path, problem, format, arguments));
			}
			return;
		}
		dropped.remove(warning);
		if (warned.add(warning)) {
			logger.warn(format, arguments);
		}
	}

	/** Gives again the warnings that logging dropped, each once, now that the logger may take them. */
	static void warnAgainWhereDropped() {
		List.copyOf(dropped.values()).forEach(Runnable::run);
	}

	/**
	 * Finds the executable a command names: a path as given, or the first match on the PATH.
	 * @return the file, or {@code null} when it cannot be found
	 */
	static Path locateExecutable(String executable, Path workingDirectory, String searchPath) {
		if (executable.isEmpty()) {
			return null;
		}
		if (executable.indexOf('/') >= 0 || executable.indexOf('\\') >= 0) {
			return locateFile(executable, workingDirectory);
		}
		try {
			return searchPath(executable, searchPath);
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

	private static Path searchPath(String executable, String searchPath) {
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

	/**
	 * The owners a file may have: root and the user this application runs as. Looked up once, when
	 * first needed.
	 */
	private static final class TrustedOwners {

		private static final String APPLICATION_USER = System.getProperty("user.name", "?");

		private static final Set<UserPrincipal> OWNERS = lookUp();

		static boolean isForeign(UserPrincipal owner) {
			return owner != null && !OWNERS.isEmpty() && !OWNERS.contains(owner);
		}

		static String applicationUser() {
			return APPLICATION_USER;
		}

		private static Set<UserPrincipal> lookUp() {
			Set<UserPrincipal> owners = new LinkedHashSet<>();
			UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
			try {
				owners.add(users.lookupPrincipalByName("root"));
			}
			catch (IOException | UnsupportedOperationException ex) {
				// No root here (Windows): the application's user alone is trusted.
			}
			try {
				owners.add(users.lookupPrincipalByName(APPLICATION_USER));
			}
			catch (IOException | UnsupportedOperationException ex) {
				ownerOfANewFile().ifPresent(owners::add);
			}
			return Set.copyOf(owners);
		}

		/** Who this process creates files as, for a user with no name (a container's arbitrary uid). */
		private static Optional<UserPrincipal> ownerOfANewFile() {
			try {
				Path probe = Files.createTempFile("credential-process-owner", "");
				try {
					return Optional.of(Files.getOwner(probe));
				}
				finally {
					Files.deleteIfExists(probe);
				}
			}
			catch (IOException | UnsupportedOperationException ex) {
				return Optional.empty();
			}
		}

	}

}
