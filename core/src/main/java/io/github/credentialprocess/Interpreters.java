package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command runs besides its executable: the program {@code env} starts
 * ({@code /usr/bin/env python3 helper.py}) and the script an interpreter reads
 * ({@code python3.12 helper.py}). Whoever can change either can make the application run their code,
 * so {@link WritableFileWarning} checks them as it checks the executable.
 */
final class Interpreters {

	/** Programs whose first argument is the script they run, also with a version in their name. */
	private static final Pattern INTERPRETER = Pattern
		.compile("(sh|bash|dash|zsh|ksh|python|perl|ruby|node|pwsh)[0-9]*(\\.[0-9]+)*");

	private static final Syntax SHELL = new Syntax(Set.of("-o", "+o", "-O", "+O", "--rcfile", "--init-file"),
			Set.of("-c"), Set.of(), false);

	/**
	 * How each interpreter reads its options: without this, the value of {@code python3 -W ignore
	 * helper.py} would be taken for the script, and the script itself would go unchecked.
	 */
	private static final Map<String, Syntax> SYNTAX = Map.of("sh", SHELL, "bash", SHELL, "dash", SHELL, "zsh", SHELL,
			"ksh", SHELL,
			"python", new Syntax(Set.of("-W", "-X", "-Q"), Set.of("-c", "-m"), Set.of(), false),
			"perl", new Syntax(Set.of("-I", "-M", "-m"), Set.of("-e", "-E"), Set.of(), false),
			"ruby", new Syntax(Set.of("-I", "-r", "-C", "-E", "--encoding"), Set.of("-e"), Set.of(), false),
			"node", new Syntax(Set.of("-r", "--require", "--import", "--loader", "--experimental-loader", "-C",
					"--conditions", "--env-file", "--title"), Set.of("-e", "--eval", "-p", "--print"), Set.of(), false),
			// PowerShell's parameters are case-insensitive and may be shortened; these are the usual forms.
			"pwsh", new Syntax(Set.of("-executionpolicy", "-ex", "-ep", "-workingdirectory", "-wd", "-configurationname",
					"-config", "-outputformat", "-o", "-inputformat", "-if", "-settingsfile", "-custompipename",
					"-windowstyle", "-w"), Set.of("-command", "-c", "-encodedcommand", "-e", "-ec"),
					Set.of("-file", "-f"), true));

	private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

	/** Options of {@code env} whose value is the next word. */
	private static final Set<String> ENV_OPTIONS_WITH_VALUE = Set.of("-u", "--unset", "-C", "--chdir");

	/** {@code env env env ...} is nonsense, but must not loop. */
	private static final int MAX_ENV_DEPTH = 8;

	private Interpreters() {
	}

	/**
	 * What a command runs through {@code env} and as a script.
	 * @param programThroughEnv the program {@code env} runs, as written; empty when the executable is
	 * not {@code env}
	 * @param script the script the interpreter runs, as written; empty when the program is no known
	 * interpreter
	 */
	record Launch(Optional<String> programThroughEnv, Optional<String> script) {
	}

	/**
	 * Looks through {@code env} (its options and {@code NAME=value} words) to the program it runs,
	 * and takes an interpreter's first argument that is not an option as its script.
	 * @param executable the executable, as written
	 * @param arguments the words after it, without their quotes
	 */
	static Launch launch(String executable, List<String> arguments) {
		String program = executable;
		List<String> rest = arguments;
		Optional<String> throughEnv = Optional.empty();
		for (int depth = 0; depth < MAX_ENV_DEPTH && isEnv(program); depth++) {
			rest = afterEnvOptions(rest);
			if (rest.isEmpty()) {
				// A bare env prints the environment; it runs nothing else.
				return new Launch(throughEnv, Optional.empty());
			}
			program = rest.get(0);
			rest = rest.subList(1, rest.size());
			throughEnv = Optional.of(program);
		}
		return new Launch(throughEnv, scriptOf(program, rest));
	}

	/**
	 * The script an interpreter runs: its first argument that is neither an option nor an option's
	 * value, or the value of an option that names it ({@code pwsh -File}); none when it is given
	 * code or a module instead ({@code python3 -c}, {@code -m}; {@code bash -c}).
	 */
	private static Optional<String> scriptOf(String program, List<String> arguments) {
		Matcher interpreter = INTERPRETER.matcher(fileName(program));
		if (!interpreter.matches()) {
			return Optional.empty();
		}
		Syntax syntax = SYNTAX.get(interpreter.group(1));
		for (int i = 0; i < arguments.size(); i++) {
			String word = arguments.get(i);
			String option = syntax.caseOf(word);
			if (word.equals("--")) {
				return (i + 1 < arguments.size()) ? Optional.of(arguments.get(i + 1)) : Optional.empty();
			}
			if (!word.startsWith("-") && !word.startsWith("+")) {
				return Optional.of(word);
			}
			if (syntax.codeInstead().contains(option)) {
				return Optional.empty();
			}
			if (syntax.scriptAfter().contains(option)) {
				return (i + 1 < arguments.size()) ? Optional.of(arguments.get(i + 1)) : Optional.empty();
			}
			if (syntax.withValue().contains(option)) {
				i++;
			}
		}
		return Optional.empty();
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

	private static String fileName(String program) {
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
			else if (word.equals("-S") || word.equals("--split-string")) {
				// -S 'python3 -u helper.py': one word holding what env runs, split at whitespace.
				return following.isEmpty() ? List.of()
						: afterEnvOptions(split(following.get(0), following.subList(1, following.size())));
			}
			else if (word.startsWith("--split-string=")) {
				return afterEnvOptions(split(word.substring("--split-string=".length()), following));
			}
			else if (word.startsWith("-S")) {
				return afterEnvOptions(split(word.substring(2), following));
			}
		}
		return List.of();
	}

	/**
	 * How an interpreter reads its options.
	 * @param withValue options whose value is the next word
	 * @param codeInstead options after which the interpreter runs code or a module, not a script
	 * @param scriptAfter options whose value is the script
	 * @param ignoresCase whether options may be written in any case (given here in lower case)
	 */
	private record Syntax(Set<String> withValue, Set<String> codeInstead, Set<String> scriptAfter,
			boolean ignoresCase) {

		/** The option as the sets above hold it. */
		String caseOf(String word) {
			return this.ignoresCase ? word.toLowerCase(Locale.ROOT) : word;
		}

	}

	private static List<String> split(String words, List<String> following) {
		List<String> split = new ArrayList<>(Arrays.stream(words.strip().split("\\s+"))
			.filter((word) -> !word.isEmpty())
			.toList());
		split.addAll(following);
		return split;
	}

}
