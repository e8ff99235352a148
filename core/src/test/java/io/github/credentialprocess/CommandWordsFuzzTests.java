package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as the shell reads it: assignments before the program, their values quoted or
 * escaped in every way {@code sh} allows, never give a word of a value as the executable name,
 * and each value is masked whole; and any line at all gives a name that holds no space of any kind,
 * no {@code =} and no control character.
 * <p>
 * Coverage-guided fuzz targets (Jazzer); a build replays the inputs checked in under
 * {@code CommandWordsFuzzTestsInputs} in the test resources.
 */
class CommandWordsFuzzTests {

	/** Space and tab separate words; the others (Unicode spaces) do not, and go unescaped. */
	private static final String SPACES = " \t\u2003\u00a0\u2028";

	@FuzzTest
	void assignmentValueIsNeverTheExecutableName(FuzzedDataProvider data) {
		int count = data.consumeInt(1, 3);
		List<String> values = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < count; i++) {
			String value = data.consumeString(40);
			values.add(value);
			line.append("V").append(i).append('=').append(quoted(data.consumeInt(0, 2), value)).append(' ');
		}
		String program = "/opt/bin/helper-" + data.consumeInt(0, 99);
		line.append(program).append(' ').append(data.consumeRemainingAsString());
		ProcessCommand command;
		try {
			command = ProcessCommand.shell(line.toString());
		}
		catch (IllegalArgumentException blank) {
			return;
		}
		String name = command.executableName();
		assertThat(name).isIn(program.substring(program.lastIndexOf('/') + 1), ProcessCommand.HIDDEN_NAME);
		for (String value : values) {
			if (value.length() >= KnownSecrets.MIN_LENGTH) {
				assertThat(command.argumentWords()).as(line.toString()).contains(value);
			}
		}
	}

	@FuzzTest
	void anyLineGivesANameThatIsOneSafeWord(FuzzedDataProvider data) {
		String line = data.consumeRemainingAsString();
		if (line.isBlank()) {
			return;
		}
		assertIsOneSafeWord(ProcessCommand.shell(line).executableName());
		assertIsOneSafeWord(ProcessCommand.direct(List.of(line)).executableName());
	}

	private static void assertIsOneSafeWord(String name) {
		if (!name.equals(ProcessCommand.HIDDEN_NAME)) {
			assertThat(name.codePoints()).noneMatch((c) -> Character.isWhitespace(c) || Character.isSpaceChar(c)
					|| Character.isISOControl(c) || c == '=');
		}
	}

	/** The value as the shell reads it back: single-quoted, double-quoted or backslash-escaped. */
	private static String quoted(int style, String value) {
		return switch (style) {
			case 0 -> "'" + value.replace("'", "'\\''") + "'";
			case 1 -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`")
					+ "\"";
			default -> escaped(value);
		};
	}

	private static String escaped(String value) {
		StringBuilder text = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '\n') {
				// A backslash and a newline join lines: a newline is quoted instead.
				text.append("'\n'");
			}
			else if (Character.isLetterOrDigit(c) && c < 128 || SPACES.indexOf(c) > 1) {
				text.append(c);
			}
			else {
				text.append('\\').append(c);
			}
		}
		return text.toString();
	}

}
