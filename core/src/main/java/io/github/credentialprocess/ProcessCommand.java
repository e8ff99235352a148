package io.github.credentialprocess;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command line to run. Prints itself as its executable name only, because arguments can hold
 * secrets (a role ARN, an MFA code, a password).
 *
 * @param argv the program and its arguments, as passed to the operating system
 * @param executable the program the user named: the first word of a shell command after any
 * {@code NAME=value} assignments (empty when it cannot be told), or {@code argv[0]}
 */
record ProcessCommand(List<String> argv, String executable) {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
		.startsWith("windows");

	/** Shown instead of an executable name that cannot be told safely. */
	static final String HIDDEN_NAME = "(name not shown)";

	private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

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
		List<String> argv = WINDOWS ? List.of("cmd.exe", "/C", commandLine) : List.of("/bin/sh", "-c", commandLine);
		return new ProcessCommand(argv, program(commandLine.strip()));
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

	/**
	 * The program of a shell command line: the first word after any leading {@code NAME=value}
	 * assignments (a common way to hand a helper its passphrase), without its quotes; empty when it
	 * cannot be told safely (an unbalanced quote, nothing after the assignments).
	 */
	private static String program(String commandLine) {
		String rest = commandLine;
		while (true) {
			int end = wordEnd(rest);
			if (end < 0) {
				return "";
			}
			String word = rest.substring(0, end);
			rest = rest.substring(end).strip();
			if (!ASSIGNMENT.matcher(word).matches()) {
				return word.replace("'", "").replace("\"", "");
			}
			if (rest.isEmpty()) {
				return "";
			}
		}
	}

	/** Where the first word ends: at whitespace outside quotes; -1 when a quote is never closed. */
	private static int wordEnd(String text) {
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (Character.isWhitespace(c)) {
				return i;
			}
		}
		return (quote != 0) ? -1 : text.length();
	}

	/**
	 * The words of the command after the program (and the values of any leading assignments),
	 * without their quotes: arguments can hold secrets, and a helper may repeat them on stderr
	 * ("unrecognized option '--password=...'", a shell with {@code set -x}).
	 */
	List<String> argumentWords() {
		List<String> words = new java.util.ArrayList<>();
		boolean nameShown = !executableName().equals(HIDDEN_NAME);
		for (String unquoted : words()) {
			if (nameShown && unquoted.equals(this.executable)) {
				// Shown anyway; a name that is not shown ('NAME=secret' quoted whole) is masked too.
				continue;
			}
			if (unquoted.startsWith("-") && unquoted.indexOf('=') < 0) {
				// An option's name (--profile) says nothing secret; masking it would only mangle messages.
				continue;
			}
			words.add(unquoted);
			int equals = unquoted.indexOf('=');
			if (equals >= 0) {
				words.add(unquoted.substring(equals + 1));
			}
		}
		return words;
	}

	/**
	 * The words after the program, without their quotes: where {@link Interpreters} finds what
	 * {@code env} runs and the script an interpreter runs.
	 */
	List<String> wordsAfterProgram() {
		List<String> words = words();
		return words.subList(words.indexOf(this.executable) + 1, words.size());
	}

	/**
	 * The words of the command, without their quotes (a plain split: enough to find secrets in); of
	 * an {@code argv}, the elements after the first and any words after the first in the first, which
	 * may hold a whole command line.
	 */
	private List<String> words() {
		List<String> source = new java.util.ArrayList<>();
		if (isShell()) {
			source.addAll(List.of(this.argv.get(2).strip().split("\\s+")));
		}
		else {
			List<String> first = List.of(this.argv.get(0).strip().split("\\s+"));
			source.addAll(first.subList(1, first.size()));
			source.addAll(this.argv.subList(1, this.argv.size()));
		}
		List<String> words = new java.util.ArrayList<>();
		for (String word : source) {
			words.add(word.replace("'", "").replace("\"", ""));
		}
		return words;
	}

	private boolean isShell() {
		return this.argv.size() == 3 && (this.argv.get(1).equals("-c") || this.argv.get(1).equals("/C"))
				&& (this.argv.get(0).equals("/bin/sh") || this.argv.get(0).equals("cmd.exe"));
	}

	/**
	 * The file name of the executable, safe to log: never a word that holds {@code =} (an
	 * assignment, or a secret passed as one), never past the first whitespace (an {@code argv[0]}
	 * that holds a whole command line).
	 */
	String executableName() {
		int separator = Math.max(this.executable.lastIndexOf('/'), this.executable.lastIndexOf('\\'));
		String name = this.executable.substring(separator + 1);
		int space = 0;
		while (space < name.length() && !Character.isWhitespace(name.charAt(space))) {
			space++;
		}
		name = name.substring(0, space);
		return (name.isEmpty() || name.indexOf('=') >= 0) ? HIDDEN_NAME : name;
	}

	@Override
	public String toString() {
		return this.executableName() + " ** arguments redacted **";
	}

}
