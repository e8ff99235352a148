package io.github.credentialprocess;

import java.util.List;
import java.util.Locale;

/**
 * The command line to run. Prints itself as its executable name only, because arguments can hold
 * secrets (a role ARN, an MFA code, a password).
 *
 * @param argv the program and its arguments, as passed to the operating system
 * @param executable the program the user named: the first word of a shell command, or
 * {@code argv[0]}
 */
record ProcessCommand(List<String> argv, String executable) {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
		.startsWith("windows");

	ProcessCommand {
		argv = List.copyOf(argv);
	}

	/**
	 * A command run through the platform shell, as the AWS SDKs run {@code credential_process}.
	 */
	static ProcessCommand shell(String commandLine) {
		if (commandLine == null || commandLine.isBlank()) {
			throw new IllegalArgumentException("The credential process command is empty; set it to the program "
					+ "that prints the credential_process JSON, for example '/usr/local/bin/get-credentials --profile dev'");
		}
		List<String> argv = WINDOWS ? List.of("cmd.exe", "/C", commandLine) : List.of("sh", "-c", commandLine);
		return new ProcessCommand(argv, firstWord(commandLine.strip()));
	}

	/**
	 * A command run directly, without a shell.
	 */
	static ProcessCommand direct(List<String> argv) {
		if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
			throw new IllegalArgumentException("The credential process argv is empty; its first element must be "
					+ "the program that prints the credential_process JSON");
		}
		if (argv.stream().anyMatch(java.util.Objects::isNull)) {
			throw new IllegalArgumentException("The credential process argv contains a null element");
		}
		return new ProcessCommand(argv, argv.get(0));
	}

	private static String firstWord(String commandLine) {
		char first = commandLine.charAt(0);
		if (first == '"' || first == '\'') {
			int end = commandLine.indexOf(first, 1);
			return (end > 0) ? commandLine.substring(1, end) : commandLine.substring(1);
		}
		int end = 0;
		while (end < commandLine.length() && !Character.isWhitespace(commandLine.charAt(end))) {
			end++;
		}
		return commandLine.substring(0, end);
	}

	/**
	 * The file name of the executable, safe to log.
	 */
	String executableName() {
		int separator = Math.max(this.executable.lastIndexOf('/'), this.executable.lastIndexOf('\\'));
		return this.executable.substring(separator + 1);
	}

	@Override
	public String toString() {
		return this.executableName() + " ** arguments redacted **";
	}

}
