package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an interpreter loads as code from its arguments: the script it runs, and the files options
 * make it load first ({@code node -r ./preload.js}, {@code --env-file .env}). No table of options can
 * be complete (bundled short options as in {@code bash -euo pipefail}, {@code python3 -uW ignore};
 * PowerShell's shortened parameters), so the script is the first word that is no option and names
 * an existing file: a word that names none (the value of an option nobody listed) is passed over,
 * and the script's own arguments after it are never looked at. Only when no such word names a file
 * is the first one taken, as written.
 */
final class InterpreterArguments {

	private static final Grammar SHELL = new Grammar(Set.of("-o", "+o", "-O", "+O", "--rcfile", "--init-file"),
			Set.of("-c"), Set.of(), false);

	/** Per interpreter family: options with a value, options that run code instead, options that name the script. */
	private static final Grammar PYTHON = new Grammar(Set.of("-W", "-X", "-Q", "--check-hash-based-pycs"),
			Set.of("-c", "-m"), Set.of(), false);

	private static final Grammar NODE = new Grammar(Set.of("-r", "--require", "--import", "--loader",
			"--experimental-loader", "-C", "--conditions", "--env-file", "--title", "--input-type", "--disable-warning",
			"--unhandled-rejections"), Set.of("-e", "--eval", "-p", "--print"), Set.of(), false);

	/** Per interpreter family: options with a value, options that run code instead, options that name the script. */
	private static final Map<String, Grammar> GRAMMARS = Map.ofEntries(Map.entry("sh", SHELL), Map.entry("bash", SHELL),
			Map.entry("dash", SHELL), Map.entry("zsh", SHELL), Map.entry("ksh", SHELL), Map.entry("fish", SHELL),
			Map.entry("python", PYTHON), Map.entry("pypy", PYTHON),
			Map.entry("perl", new Grammar(Set.of("-I", "-M", "-m"), Set.of("-e", "-E"), Set.of(), false)),
			Map.entry("ruby", new Grammar(Set.of("-I", "-r", "-C", "-E", "--encoding"), Set.of("-e"), Set.of(), false)),
			Map.entry("node", NODE), Map.entry("nodejs", NODE),
			Map.entry("php", new Grammar(Set.of("-c", "-d", "-z"), Set.of("-r"), Set.of("-f"), false)),
			// java -jar app.jar; a class path's entries are loaded like any file an option names.
			Map.entry("java", new Grammar(Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
					"--add-modules", "--add-opens", "--add-exports", "--add-reads"), Set.of("-m", "--module"),
					Set.of("-jar"), false)),
			// PowerShell: any case, any unambiguous start of a parameter's name, en and em dashes too.
			Map.entry("pwsh", new Grammar(Set.of("-executionpolicy", "-ex", "-ep", "-workingdirectory", "-wd",
					"-configurationname", "-outputformat", "-o", "-inputformat", "-if", "-settingsfile",
					"-custompipename", "-windowstyle", "-w"), Set.of("-command", "-c", "-encodedcommand", "-e", "-ec"),
					Set.of("-file", "-f"), true)));

	private InterpreterArguments() {
	}

	/**
	 * What an interpreter loads as code.
	 * @param script the script it runs, as written; empty when it runs code or a module instead
	 * ({@code -c}, {@code -m}, {@code -e}) or names none
	 * @param loaded files options make it load, as written, each naming an existing file
	 * @param shellCode the command line a shell runs instead of a script ({@code bash -c
	 * '/opt/helper.sh --profile dev'}), which runs programs of its own
	 */
	record Loaded(Optional<String> script, List<String> loaded, Optional<String> shellCode) {

		Loaded(Optional<String> script, List<String> loaded) {
			this(script, loaded, Optional.empty());
		}

	}

	/**
	 * Reads an interpreter's arguments.
	 * @param family the interpreter's name without its version ({@code python}, {@code bash} ...)
	 * @param arguments the words after it, without their quotes
	 * @param isFile whether a word names an existing file
	 */
	static Loaded read(String family, List<String> arguments, Predicate<String> isFile) {
		Grammar grammar = GRAMMARS.get(family);
		List<String> loaded = new ArrayList<>();
		Optional<String> firstCandidate = Optional.empty();
		for (int i = 0; i < arguments.size(); i++) {
			String word = arguments.get(i);
			Optional<String> next = (i + 1 < arguments.size()) ? Optional.of(arguments.get(i + 1)) : Optional.empty();
			String option = grammar.normalise(word);
			if (word.equals("--")) {
				return new Loaded(next, loaded);
			}
			if (!option.startsWith("-") && !option.startsWith("+")) {
				if (isFile.test(word)) {
					return new Loaded(Optional.of(word), loaded);
				}
				firstCandidate = firstCandidate.or(() -> Optional.of(word));
				continue;
			}
			if (grammar.matches(grammar.codeInstead(), option)) {
				return new Loaded(Optional.empty(), loaded, (grammar == SHELL) ? next : Optional.empty());
			}
			if (grammar.matches(grammar.scriptAfter(), option)) {
				return new Loaded(next, loaded);
			}
			int equals = word.indexOf('=');
			if (equals > 0 && isFile.test(word.substring(equals + 1))) {
				loaded.add(word.substring(equals + 1));
			}
			else if (grammar.matches(grammar.withValue(), option) && next.isPresent()) {
				if (isFile.test(next.get())) {
					loaded.add(next.get());
				}
				i++;
			}
		}
		return new Loaded(firstCandidate, loaded);
	}

	/**
	 * How an interpreter family reads its options.
	 * @param withValue options whose value is the next word
	 * @param codeInstead options after which it runs code or a module, not a script
	 * @param scriptAfter options whose value is the script
	 * @param lenient options in any case, by any start of their name of two letters or more, with
	 * an en or em dash too (PowerShell); given here in lower case
	 */
	private record Grammar(Set<String> withValue, Set<String> codeInstead, Set<String> scriptAfter, boolean lenient) {

		/** The word as the sets above hold an option. */
		String normalise(String word) {
			if (!this.lenient) {
				return word;
			}
			String dashed = (word.startsWith("\u2013") || word.startsWith("\u2014")) ? "-" + word.substring(1) : word;
			return dashed.toLowerCase(Locale.ROOT);
		}

		boolean matches(Set<String> options, String option) {
			return options.contains(option) || (this.lenient && option.length() >= 3
					&& options.stream().anyMatch((name) -> name.startsWith(option)));
		}

	}

}
