package io.github.credentialprocess;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs that run another program named in their arguments: {@code exec}, {@code command},
 * {@code nohup}, {@code nice}, {@code timeout}, {@code stdbuf}, {@code setsid}, {@code ionice},
 * {@code time}, {@code sudo}, {@code doas} ({@code env}, with assignments and a split string, is
 * {@link Interpreters}'). Whoever can change the program they run can make the application run
 * their code, so {@link WritableFileWarning} looks through them as it looks through {@code env}.
 */
final class Launchers {

	/** Per launcher: options whose value is the next word, words before the program, options after which it runs nothing. */
	private static final Map<String, Grammar> GRAMMARS = Map.ofEntries(
			Map.entry("exec", new Grammar(Set.of("-a"), 0, Set.of())),
			Map.entry("command", new Grammar(Set.of(), 0, Set.of("-v", "-V"))),
			Map.entry("nohup", new Grammar(Set.of(), 0, Set.of())),
			Map.entry("nice", new Grammar(Set.of("-n", "--adjustment"), 0, Set.of())),
			Map.entry("timeout", new Grammar(Set.of("-s", "--signal", "-k", "--kill-after"), 1, Set.of())),
			Map.entry("stdbuf", new Grammar(Set.of("-i", "-o", "-e", "--input", "--output", "--error"), 0, Set.of())),
			Map.entry("setsid", new Grammar(Set.of(), 0, Set.of())),
			Map.entry("ionice", new Grammar(Set.of("-c", "--class", "-n", "--classdata"), 0, Set.of("-p", "--pid", "-P",
					"--pgid", "-u", "--uid"))),
			Map.entry("time", new Grammar(Set.of("-f", "--format", "-o", "--output"), 0, Set.of())),
			Map.entry("sudo", new Grammar(Set.of("-u", "--user", "-g", "--group", "-p", "--prompt", "-C", "--close-from",
					"-D", "--chdir", "-h", "--host", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T",
					"--command-timeout", "-R", "--chroot"), 0, Set.of("-l", "--list", "-v", "--validate", "-k", "-K",
							"-e", "--edit"))),
			Map.entry("doas", new Grammar(Set.of("-u"), 0, Set.of("-C"))));

	private Launchers() {
	}

	/** Whether a program runs another one named in its arguments. */
	static boolean isLauncher(String program) {
		return GRAMMARS.containsKey(Interpreters.fileName(program));
	}

	/**
	 * The words from the program a launcher runs on.
	 * @param launcher the launcher, as a name or a path
	 * @param words the words after it
	 * @return the program and its arguments; empty when the launcher runs none
	 */
	static List<String> commandAfter(String launcher, List<String> words) {
		Grammar grammar = GRAMMARS.get(Interpreters.fileName(launcher));
		int positionals = grammar.wordsBeforeProgram();
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			if (word.equals("--")) {
				int program = i + 1 + positionals;
				return (program < words.size()) ? words.subList(program, words.size()) : List.of();
			}
			if (!word.startsWith("-") || word.length() == 1) {
				int program = i + positionals;
				return (program < words.size()) ? words.subList(program, words.size()) : List.of();
			}
			String option = optionName(word);
			if (grammar.runsNothing().contains(option)) {
				return List.of();
			}
			if (grammar.withValue().contains(word)) {
				// The value is the next word; attached (-n10, --signal=KILL) it is part of this one.
				i++;
			}
		}
		return List.of();
	}

	/** An option's name without an attached value: {@code --signal} of {@code --signal=KILL}. */
	private static String optionName(String word) {
		int equals = word.indexOf('=');
		return (word.startsWith("--") && equals > 0) ? word.substring(0, equals) : word;
	}

	/**
	 * How a launcher reads its arguments; an option it does not list is taken for a flag.
	 * @param withValue options whose value is the next word
	 * @param wordsBeforeProgram words between the options and the program ({@code timeout}'s duration)
	 * @param runsNothing options after which it runs no program ({@code command -v})
	 */
	private record Grammar(Set<String> withValue, int wordsBeforeProgram, Set<String> runsNothing) {
	}

}
