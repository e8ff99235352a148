package io.github.credentialprocess;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The program a launcher runs, past its options and the words before the program. */
class LaunchersTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "timeout 30 helper --profile dev|helper --profile dev",
			"timeout -s KILL -k 5 30 helper|helper", "timeout --signal=KILL --preserve-status 30 helper|helper",
			"/usr/bin/timeout -- 30 helper|helper", "nice -n 10 helper|helper", "nice -5 helper|helper",
			"nice --adjustment=3 helper|helper", "exec -a name helper|helper", "exec helper|helper",
			"command -p helper|helper", "nohup helper|helper", "stdbuf -o L -eL helper|helper",
			"setsid -w -f helper|helper", "ionice -c 3 -n 7 helper|helper", "time -p helper|helper",
			"sudo -n -u root -- helper -x|helper -x", "sudo -E --user=root helper|helper", "doas -u root helper|helper" })
	void programALauncherRunsIsFoundPastItsOptions(String commandLine, String expected) {
		List<String> words = Arrays.asList(commandLine.split(" "));
		assertThat(Launchers.isLauncher(words.get(0))).isTrue();
		assertThat(Launchers.commandAfter(words.get(0), words.subList(1, words.size())))
			.containsExactly(expected.split(" "));
	}

	@ParameterizedTest
	@ValueSource(strings = { "command -v helper", "command -V helper", "sudo -l helper", "doas -C /etc/doas.conf",
			"ionice -p 42", "ionice --pid=42", "sudo --list", "timeout 30", "timeout -- 30", "nice -n", "nohup", "exec --" })
	void launcherThatRunsNoProgramHasNone(String commandLine) {
		List<String> words = Arrays.asList(commandLine.split(" "));
		assertThat(Launchers.commandAfter(words.get(0), words.subList(1, words.size()))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "helper", "/usr/local/bin/get-credentials", "timeouts", "env" })
	void otherProgramsAreNoLaunchers(String program) {
		assertThat(Launchers.isLauncher(program)).isFalse();
	}

}
