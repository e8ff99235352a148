package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command runs besides its executable: the program {@code env} starts
 * ({@code /usr/bin/env python3 helper.py}) and the script an interpreter reads
 * ({@code python3.12 helper.py}) with what its options load. Whoever can change any of them can make
 * the application run their code,
 * so {@link WritableFileWarning} checks them as it checks the executable.
 */
final class Interpreters {

	/** Programs whose first argument is the script they run, also with a version in their name. */
	private static final Pattern INTERPRETER = Pattern
		.compile("(sh|bash|dash|zsh|ksh|fish|python|pypy|perl|ruby|nodejs|node|pwsh|php|java)[0-9]*(\\.[0-9]+)*");

	private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

	/** {@code env}'s -S, after the flags it may be bundled with, and what is attached to it. */
	private static final Pattern SPLIT_STRING = Pattern.compile("-[i0v]*S(.*)", Pattern.DOTALL);

	/** Options of {@code env} whose value is the next word. */
	private static final Set<String> ENV_OPTIONS_WITH_VALUE = Set.of("-u", "--unset", "-C", "--chdir");

	/** {@code env nice env ...} is nonsense, but must not loop. */
	private static final int MAX_LAUNCHER_DEPTH = 8;

	private Interpreters() {
	}

	/**
	 * What a command runs through {@code env} and as code.
	 * @param launchedProgram the program {@code env} or another launcher ({@link Launchers}) runs, as
	 * written; empty when the executable is neither
	 * @param script the script the interpreter runs, as written; empty when the program is no known
	 * interpreter
	 * @param loaded files the interpreter's options make it load, as written ({@link InterpreterArguments})
	 * @param shellCode the command line a shell runs instead of a script ({@code bash -c '...'})
	 */
	record Launch(Optional<String> launchedProgram, Optional<String> script, List<String> loaded,
			Optional<String> shellCode) {

		Launch(Optional<String> launchedProgram, Optional<String> script, List<String> loaded) {
			this(launchedProgram, script, loaded, Optional.empty());
		}

	}

	/**
	 * Looks through {@code env} (its options and {@code NAME=value} words) and the other launchers
	 * ({@code timeout 30}, {@code nice}, {@code exec}, {@code sudo} ...) to the program they run,
	 * and, for an interpreter, at what it loads as code ({@link InterpreterArguments}).
	 * @param executable the executable, as written
	 * @param arguments the words after it, without their quotes
	 * @param isFile whether a word names an existing file
	 */
	static Launch launch(String executable, List<String> arguments, Predicate<String> isFile) {
		String program = executable;
		List<String> rest = arguments;
		Optional<String> launched = Optional.empty();
		for (int depth = 0; depth < MAX_LAUNCHER_DEPTH && (isEnv(program) || Launchers.isLauncher(program)); depth++) {
			rest = isEnv(program) ? afterEnvOptions(rest) : Launchers.commandAfter(program, rest);
			if (rest.isEmpty()) {
				// A bare env prints the environment, command -v names a program: neither runs one.
				return new Launch(launched, Optional.empty(), List.of());
			}
			program = rest.get(0);
			rest = rest.subList(1, rest.size());
			launched = Optional.of(program);
		}
		Matcher interpreter = INTERPRETER.matcher(fileName(program));
		if (!interpreter.matches()) {
			return new Launch(launched, Optional.empty(), List.of());
		}
		InterpreterArguments.Loaded loaded = InterpreterArguments.read(interpreter.group(1), rest, isFile);
		return new Launch(launched, loaded.script(), loaded.loaded(), loaded.shellCode());
	}

	/**
	 * Whether a program takes the script it runs as its first argument: {@code sh}, {@code bash},
	 * {@code python3}, {@code python3.12}, {@code perl5.36}, {@code ruby3.1}, {@code node18} ...
	 * @param program the program, as a name or a path
	 */
	static boolean isInterpreter(String program) {
		return INTERPRETER.matcher(fileName(program)).matches();
	}

	private static boolean isEnv(String program) {
		return fileName(program).equals("env");
	}

	static String fileName(String program) {
		int separator = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
		return program.substring(separator + 1);
	}

	/** The words from the program {@code env} runs on: past its options and assignments. */
	private static List<String> afterEnvOptions(List<String> words) {
		boolean optionsEnded = false;
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			List<String> following = words.subList(Math.min(i + 1, words.size()), words.size());
			if (optionsEnded || !word.startsWith("-")) {
				if (!ASSIGNMENT.matcher(word).matches()) {
					return words.subList(i, words.size());
				}
			}
			else if (word.equals("--")) {
				optionsEnded = true;
			}
			else if (ENV_OPTIONS_WITH_VALUE.contains(word)) {
				i++;
			}
			else if (word.startsWith("--split-string=")) {
				return afterEnvOptions(split(word.substring("--split-string=".length()), following));
			}
			else if (word.equals("--split-string") || SPLIT_STRING.matcher(word).matches()) {
				// -S 'python3 -u helper.py', also bundled (-iS) or attached (-S'python3 helper.py'): one
				// word holding what env runs, split at whitespace.
				Matcher split = SPLIT_STRING.matcher(word);
				String attached = split.matches() ? split.group(1) : "";
				if (!attached.isEmpty()) {
					return afterEnvOptions(split(attached, following));
				}
				return following.isEmpty() ? List.of()
						: afterEnvOptions(split(following.get(0), following.subList(1, following.size())));
			}
		}
		return List.of();
	}

	private static List<String> split(String words, List<String> following) {
		List<String> split = new ArrayList<>(Arrays.stream(words.strip().split("\\s+"))
			.filter((word) -> !word.isEmpty())
			.toList());
		split.addAll(following);
		return split;
	}

}
