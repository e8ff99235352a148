package io.github.credentialprocess;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InterpretersTests {

	@Test
	void scriptOfAnInterpreterIsItsFirstArgumentThatIsNotAnOption() {
		assertThat(Interpreters.launch("sh", List.of("/opt/helpers/get-credentials.sh", "--profile", "dev")).script())
			.contains("/opt/helpers/get-credentials.sh");
		assertThat(Interpreters.launch("/usr/bin/python3", List.of("-u", "helper.py")).script()).contains("helper.py");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"python3 | -W ignore helper.py | helper.py",
			"python3.12 | -X dev -u helper.py --profile dev | helper.py",
			"bash | -o pipefail helper.sh | helper.sh",
			"sh | -- -odd-name.sh | -odd-name.sh",
			"perl | -I /opt/lib helper.pl | helper.pl",
			"ruby3.1 | -r json helper.rb | helper.rb",
			"node18 | --require dotenv/config helper.js | helper.js",
			"pwsh | -NoProfile -File helper.ps1 | helper.ps1",
			"pwsh | -ExecutionPolicy Bypass helper.ps1 | helper.ps1" })
	void valueOfAnInterpretersOptionIsNotTakenForItsScript(String interpreter, String arguments, String script) {
		assertThat(Interpreters.launch(interpreter, List.of(arguments.split(" "))).script()).contains(script);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"python3 | -c print(1)",
			"python3 | -m awscli",
			"bash | -c exec-helper",
			"perl | -e print",
			"ruby | -e puts",
			"node | --eval console.log(1)",
			"pwsh | -Command Get-Date" })
	void interpreterGivenCodeOrAModuleInsteadOfAScriptHasNoScript(String interpreter, String arguments) {
		assertThat(Interpreters.launch(interpreter, List.of(arguments.split(" "))).script()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "python3 | -u", "sh | --", "pwsh | -File", "python3 | -W" })
	void interpreterWhoseWordsEndBeforeAScriptHasNone(String interpreter, String arguments) {
		assertThat(Interpreters.launch(interpreter, List.of(arguments.split(" "))).script()).isEmpty();
	}

	@Test
	void envSplitStringThatIsEmptyOrMissingIsPassedOver() {
		assertThat(Interpreters.launch("env", List.of("-S", "", "sh", "helper.sh"))).isEqualTo(launch("sh", "helper.sh"));
		assertThat(Interpreters.launch("env", List.of("-S"))).isEqualTo(launch(null, null));
		assertThat(Interpreters.launch("env", List.of("-Spython3 helper.py"))).isEqualTo(launch("python3", "helper.py"));
	}

	@Test
	void programThatIsNoInterpreterHasNoScript() {
		assertThat(Interpreters.launch("/usr/bin/helper", List.of("script.sh"))).isEqualTo(launch(null, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sh", "bash", "python3", "python3.12", "perl5.36", "ruby3.1", "node18", "/opt/bin/pwsh7" })
	void interpreterMayCarryAVersionInItsName(String program) {
		assertThat(Interpreters.isInterpreter(program)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "helper", "python-helper", "shred", "nodejs-helper", "perl5.36x", "bash.old" })
	void otherNamesAreNoInterpreters(String program) {
		assertThat(Interpreters.isInterpreter(program)).isFalse();
	}

	@Test
	void envIsLookedThroughToTheProgramAndItsScript() {
		assertThat(Interpreters.launch("/usr/bin/env", List.of("python3", "helper.py")))
			.isEqualTo(launch("python3", "helper.py"));
	}

	@Test
	void envOptionsAndAssignmentsArePassedOver() {
		assertThat(Interpreters.launch("env", List.of("-i", "-u", "HOME", "--chdir", "/opt", "--unset=PATH",
				"HELPER_KEY=k3y", "--", "MODE=prod", "sh", "-e", "helper.sh")))
			.isEqualTo(launch("sh", "helper.sh"));
	}

	@Test
	void envSplitStringHoldsTheProgramAndItsArguments() {
		assertThat(Interpreters.launch("env", List.of("-S", "python3 -u helper.py", "--flag")))
			.isEqualTo(launch("python3", "helper.py"));
		assertThat(Interpreters.launch("env", List.of("--split-string=A=1 perl5.36 helper.pl")))
			.isEqualTo(launch("perl5.36", "helper.pl"));
	}

	@Test
	void envThatRunsNothingHasNoProgram() {
		assertThat(Interpreters.launch("env", List.of("-i", "A=1"))).isEqualTo(launch(null, null));
	}

	@Test
	void programAfterEnvThatIsNoInterpreterHasNoScript() {
		assertThat(Interpreters.launch("env", List.of("/opt/bin/helper", "config.json")))
			.isEqualTo(launch("/opt/bin/helper", null));
	}

	private static Interpreters.Launch launch(String program, String script) {
		return new Interpreters.Launch(Optional.ofNullable(program), Optional.ofNullable(script));
	}

}
