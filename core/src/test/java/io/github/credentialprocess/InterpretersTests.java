package io.github.credentialprocess;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InterpretersTests {

	@Test
	void scriptOfAnInterpreterIsItsFirstArgumentThatIsNotAnOption() {
		assertThat(launchOf("sh", List.of("/opt/helpers/get-credentials.sh", "--profile", "dev")).script())
			.contains("/opt/helpers/get-credentials.sh");
		assertThat(launchOf("/usr/bin/python3", List.of("-u", "helper.py")).script()).contains("helper.py");
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
		assertThat(launchOf(interpreter, List.of(arguments.split(" "))).script()).contains(script);
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
		assertThat(launchOf(interpreter, List.of(arguments.split(" "))).script()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "python3 | -u", "sh | --", "pwsh | -File", "python3 | -W" })
	void interpreterWhoseWordsEndBeforeAScriptHasNone(String interpreter, String arguments) {
		assertThat(launchOf(interpreter, List.of(arguments.split(" "))).script()).isEmpty();
	}

	@Test
	void envSplitStringThatIsEmptyOrMissingIsPassedOver() {
		assertThat(launchOf("env", List.of("-S", "", "sh", "helper.sh"))).isEqualTo(launch("sh", "helper.sh"));
		assertThat(launchOf("env", List.of("-S"))).isEqualTo(launch(null, null));
		assertThat(launchOf("env", List.of("-Spython3 helper.py"))).isEqualTo(launch("python3", "helper.py"));
	}

	@Test
	void programThatIsNoInterpreterHasNoScript() {
		assertThat(launchOf("/usr/bin/helper", List.of("script.sh"))).isEqualTo(launch(null, null));
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
		assertThat(launchOf("/usr/bin/env", List.of("python3", "helper.py")))
			.isEqualTo(launch("python3", "helper.py"));
	}

	@Test
	void envOptionsAndAssignmentsArePassedOver() {
		assertThat(launchOf("env", List.of("-i", "-u", "HOME", "--chdir", "/opt", "--unset=PATH",
				"HELPER_KEY=k3y", "--", "MODE=prod", "sh", "-e", "helper.sh")))
			.isEqualTo(launch("sh", "helper.sh"));
	}

	@Test
	void envSplitStringHoldsTheProgramAndItsArguments() {
		assertThat(launchOf("env", List.of("-S", "python3 -u helper.py", "--flag")))
			.isEqualTo(launch("python3", "helper.py"));
		assertThat(launchOf("env", List.of("--split-string=A=1 perl5.36 helper.pl")))
			.isEqualTo(launch("perl5.36", "helper.pl"));
	}

	@Test
	void envThatRunsNothingHasNoProgram() {
		assertThat(launchOf("env", List.of("-i", "A=1"))).isEqualTo(launch(null, null));
	}

	@Test
	void programAfterEnvThatIsNoInterpreterHasNoScript() {
		assertThat(launchOf("env", List.of("/opt/bin/helper", "config.json")))
			.isEqualTo(launch("/opt/bin/helper", null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"python3 | -uW ignore x.py", "python3 | --check-hash-based-pycs default x.py",
			"bash | -euo pipefail x.sh", "bash | -eo pipefail x.sh", "perl | -wI /opt/lib x.pl",
			"ruby | -wr json x.rb", "node | --unknown-option value x.js", "pwsh | -exec bypass -File x.ps1",
			"pwsh | -ExecutionPol Bypass x.ps1", "pwsh | -wo /opt x.ps1", "pwsh | \u2013File x.ps1",
			"pwsh | -NoProfile -fi x.ps1" })
	void scriptIsTheFirstWordThatIsNoOptionAndNamesAFileWhateverOptionsComeBefore(String interpreter,
			String arguments) {
		String script = arguments.substring(arguments.lastIndexOf(' ') + 1);
		assertThat(Interpreters.launch(interpreter, words(arguments), Set.of(script)::contains).script())
			.contains(script);
	}

	@Test
	void filesTheInterpretersOptionsLoadAreFound() {
		Set<String> files = Set.of("./preload.js", ".env", "x.js", "./lib.rb", "x.rb");
		assertThat(Interpreters.launch("node", words("-r ./preload.js --env-file=.env x.js"), files::contains))
			.isEqualTo(new Interpreters.Launch(Optional.empty(), Optional.of("x.js"), List.of("./preload.js", ".env")));
		assertThat(Interpreters.launch("ruby", words("-r ./lib.rb x.rb"), files::contains).loaded())
			.containsExactly("./lib.rb");
	}

	@Test
	void scriptsOwnArgumentsAreNeverLookedAt() {
		assertThat(Interpreters.launch("python3", words("helper.py --config /etc/app.conf"),
				Set.of("helper.py", "/etc/app.conf")::contains))
			.isEqualTo(launch(null, "helper.py"));
	}

	@Test
	void envSplitStringBundledWithFlagsIsLookedThrough() {
		assertThat(launchOf("env", List.of("-iS", "python3 helper.py"))).isEqualTo(launch("python3", "helper.py"));
		assertThat(launchOf("env", List.of("--split-string", "python3 helper.py"))).isEqualTo(launch("python3", "helper.py"));
		assertThat(launchOf("env", List.of("-uSOMEVAR", "python3", "helper.py"))).isEqualTo(launch("python3", "helper.py"));
	}

	/** What a command launches where no word names a file. */
	private static Interpreters.Launch launchOf(String executable, List<String> arguments) {
		return Interpreters.launch(executable, arguments, (word) -> false);
	}

	private static List<String> words(String arguments) {
		return List.of(arguments.split(" "));
	}

	private static Interpreters.Launch launch(String program, String script) {
		return new Interpreters.Launch(Optional.ofNullable(program), Optional.ofNullable(script), List.of());
	}

}
