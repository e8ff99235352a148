package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line to run. Prints itself as its executable name only, because arguments can hold
 * secrets (a role ARN, an MFA code, a password). A shell command is read as POSIX {@code sh} reads
 * it ({@link ShellWords}), so that the name shown is the program the shell will run and the words
 * masked are the words it will pass.
 *
 * @param argv the program and its arguments, as passed to the operating system
 * @param executable the program the user named: the first word of a shell command after any
 * {@code NAME=value} assignments (empty when it cannot be told with certainty), or {@code argv[0]}
 */
record ProcessCommand(List<String> argv, String executable) {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
		.startsWith("windows");

	/**
	 * The shell, from a fixed system path: one found on the {@code PATH} could be a copy planted in a
	 * directory others can write.
	 */
	static final String SHELL = "/bin/sh";

	/** An option's bare name: {@code --lower-case-words} or {@code -x}. */
	private static final java.util.regex.Pattern OPTION_NAME = java.util.regex.Pattern
		.compile("--[a-z][a-z0-9]*(?:-[a-z0-9]+)*|-[A-Za-z]");

	/** Shown instead of an executable name that cannot be told safely. */
	static final String HIDDEN_NAME = "(name not shown)";

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
		List<String> argv = WINDOWS ? List.of("cmd.exe", "/C", commandLine) : List.of(SHELL, "-c", commandLine);
		return new ProcessCommand(argv, program(commandLine));
	}

	/**
	 * A command run directly, without a shell.
	 */
	static ProcessCommand direct(List<String> argv) {
		if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
			throw new IllegalArgumentException("The credential process argv is empty; its first element must be "
					+ "the program that prints the credential_process JSON");
		}
		if (argv.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("The credential process argv contains a null element");
		}
		return new ProcessCommand(argv, argv.get(0));
	}

	/**
	 * The program of a shell command line: the first word after any leading assignments; empty when
	 * it cannot be told with certainty (an unbalanced quote, an expansion or operator in the words
	 * up to it, nothing after the assignments).
	 */
	private static String program(String commandLine) {
		Optional<List<ShellWords.Word>> words = ShellWords.split(commandLine);
		if (words.isEmpty()) {
			return "";
		}
		for (ShellWords.Word word : words.get()) {
			if (!word.certain()) {
				return "";
			}
			if (!word.assignment()) {
				return word.text();
			}
		}
		return "";
	}

	/**
	 * What the helper may repeat of its command line and must be masked: every word after the
	 * program as one string each, the value of every assignment (a quoted value of short words
	 * whole), the value after {@code =} of an option, and the program itself when its name is not
	 * shown. Only an option's bare name says nothing secret and is left alone: a long option of
	 * lower-case words ({@code --profile}, {@code --mfa-token}) or a single letter ({@code -u}); a
	 * word such as {@code -pHunter2} holds its value glued to the option, and is masked.
	 */
	List<String> argumentWords() {
		List<String> secrets = new ArrayList<>();
		boolean nameShown = !executableName().equals(HIDDEN_NAME);
		boolean programSeen = false;
		for (ShellWords.Word word : words()) {
			boolean isProgram = !programSeen && !word.assignment() && word.text().equals(this.executable);
			if (isProgram) {
				programSeen = true;
				if (nameShown) {
					continue;
				}
			}
			String text = word.text();
			if (OPTION_NAME.matcher(text).matches()) {
				continue;
			}
			secrets.add(text);
			int equals = text.indexOf('=');
			if (equals >= 0) {
				secrets.add(text.substring(equals + 1));
			}
		}
		return secrets;
	}

	/**
	 * The words after the program, as the program receives them: where {@link Interpreters} finds
	 * what {@code env} runs and the script an interpreter runs.
	 */
	List<String> wordsAfterProgram() {
		List<ShellWords.Word> words = words();
		int program = -1;
		for (int i = 0; i < words.size() && program < 0; i++) {
			if (!words.get(i).assignment() && words.get(i).text().equals(this.executable)) {
				program = i;
			}
		}
		return words.subList(program + 1, words.size()).stream().map(ShellWords.Word::text).toList();
	}

	/**
	 * Every simple command the command runs, each as its program and the words after it as the
	 * program receives them, for the writable-file warning: a shell command line is cut at its
	 * control operators ({@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}, as words of their
	 * own or ending one), and each simple command loses its leading assignments; an {@code argv} is
	 * one simple command.
	 */
	List<List<String>> simpleCommands() {
		if (!isShell()) {
			List<String> only = new ArrayList<>();
			only.add(this.executable);
			only.addAll(wordsAfterProgram());
			return List.of(only);
		}
		List<List<String>> commands = new ArrayList<>();
		List<String> current = new ArrayList<>();
		for (ShellWords.Word word : words()) {
			String text = word.text();
			// An operator is never certain: it is unquoted shell syntax.
			String operators = word.certain() ? "" : trailingOperators(text);
			String before = text.substring(0, text.length() - operators.length());
			if (!before.isEmpty() && !(current.isEmpty() && word.assignment())) {
				current.add(before);
			}
			if (!operators.isEmpty()) {
				addIfAny(commands, current);
				current = new ArrayList<>();
			}
		}
		addIfAny(commands, current);
		return commands;
	}

	private static String trailingOperators(String text) {
		int start = text.length();
		while (start > 0 && ";&|".indexOf(text.charAt(start - 1)) >= 0) {
			start--;
		}
		return text.substring(start);
	}

	private static void addIfAny(List<List<String>> commands, List<String> command) {
		if (!command.isEmpty()) {
			commands.add(command);
		}
	}

	/**
	 * The words of the command: of a shell command, as the shell splits it (each word whole, however
	 * it was quoted; when the line cannot be read, its words read as far as possible and also its
	 * whitespace-separated parts, so that nothing goes unmasked); of an {@code argv}, any words after the first in {@code argv[0]}, which may
	 * hold a whole command line, and then each further element whole.
	 */
	private List<ShellWords.Word> words() {
		if (isShell()) {
			String line = this.argv.get(2);
			return ShellWords.split(line).orElseGet(() -> {
				List<ShellWords.Word> words = new ArrayList<>(ShellWords.splitLeniently(line));
				words.addAll(plainWords(line));
				return words;
			});
		}
		List<ShellWords.Word> words = new ArrayList<>(plainWords(this.argv.get(0)));
		if (!words.isEmpty()) {
			words.set(0, new ShellWords.Word(this.executable, false, true));
		}
		this.argv.subList(1, this.argv.size()).forEach((element) -> words.add(new ShellWords.Word(element, false, true)));
		return words;
	}

	/** Parts of a text between any kind of white space, Unicode spaces included. */
	private static List<ShellWords.Word> plainWords(String text) {
		List<ShellWords.Word> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (isAnySpace(c)) {
				if (!word.isEmpty()) {
					words.add(new ShellWords.Word(word.toString(), false, false));
					word.setLength(0);
				}
			}
			else {
				word.appendCodePoint(c);
			}
		});
		if (!word.isEmpty()) {
			words.add(new ShellWords.Word(word.toString(), false, false));
		}
		return words;
	}

	private static boolean isAnySpace(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private boolean isShell() {
		return this.argv.size() == 3 && (this.argv.get(1).equals("-c") || this.argv.get(1).equals("/C"))
				&& (this.argv.get(0).equals(SHELL) || this.argv.get(0).equals("cmd.exe"));
	}

	/**
	 * The file name of the executable, safe to log: never a name holding {@code =} (a secret passed
	 * as an assignment), a space of any kind (an {@code argv[0]} that holds a whole command line is
	 * cut at its first), or a control character.
	 */
	String executableName() {
		String path = this.executable;
		if (!isShell()) {
			int end = 0;
			while (end < path.length() && !isAnySpace(path.codePointAt(end))) {
				end += Character.charCount(path.codePointAt(end));
			}
			path = path.substring(0, end);
		}
		String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
		boolean safe = !name.isEmpty() && name.indexOf('=') < 0
				&& name.codePoints().noneMatch((c) -> isAnySpace(c) || Character.isISOControl(c));
		return safe ? name : HIDDEN_NAME;
	}

	@Override
	public String toString() {
		return this.executableName() + " ** arguments redacted **";
	}

}
