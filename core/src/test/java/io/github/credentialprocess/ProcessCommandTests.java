package io.github.credentialprocess;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommandTests {

	@Test
	void shellCommandPrintsOnlyTheExecutableName() {
		ProcessCommand command = ProcessCommand.shell("/opt/tools/aws-vault exec prod --mfa-token 123456");
		assertThat(command).hasToString("aws-vault ** arguments redacted **");
		assertThat(command.argv()).containsExactly("/bin/sh", "-c", "/opt/tools/aws-vault exec prod --mfa-token 123456");
	}

	@Test
	void shellIsNotTakenFromThePath(@TempDir Path folder) throws Exception {
		Path script = new Scripts(folder).printing(Scripts.credentialsJson(Optional.empty()));
		PlantedPathProbe.Result result = PlantedPathProbe.run(folder, List.of("sh"), "shell", "'" + script + "'");
		assertThat(result.outcome()).isEqualTo("PROBE ok");
		assertThat(result.plantedRuns()).as("planted programs that ran").isEmpty();
	}

	@Test
	void quotedExecutableWithSpacesIsNamedWhole() {
		assertThat(ProcessCommand.shell("'/opt/my tools/helper' --password x").executableName()).isEqualTo("helper");
	}

	@Test
	void argvCommandPrintsOnlyTheExecutableName() {
		ProcessCommand command = ProcessCommand.direct(List.of("/usr/bin/helper", "--secret", "s3cr3t"));
		assertThat(command).hasToString("helper ** arguments redacted **");
		assertThat(command.argv()).containsExactly("/usr/bin/helper", "--secret", "s3cr3t");
	}

	@ParameterizedTest
	@ValueSource(strings = { "AWS_VAULT_FILE_PASSPHRASE=s3cr3t-passphrase aws-vault exec dev --json",
			"HOME=/tmp AWS_VAULT_FILE_PASSPHRASE=s3cr3t-passphrase aws-vault exec dev --json",
			"AWS_VAULT_FILE_PASSPHRASE='s3cr3t-passphrase with spaces' aws-vault exec dev --json",
			"AWS_VAULT_FILE_PASSPHRASE=\"s3cr3t-passphrase\" /usr/local/bin/aws-vault exec dev --json" })
	void leadingAssignmentsAreSkippedAndNeverShown(String commandLine) {
		ProcessCommand command = ProcessCommand.shell(commandLine);
		assertThat(command.executableName()).isEqualTo("aws-vault");
		assertThat(command.toString()).doesNotContain("s3cr3t");
	}

	@ParameterizedTest
	@ValueSource(strings = { "'/usr/local/bin/helper --password s3cr3t", "PASSWORD=s3cr3t",
			"\"PASSWORD=s3cr3t\" helper", "=s3cr3t helper" })
	void firstWordThatCannotBeToldSafelyIsNotShown(String commandLine) {
		assertThat(ProcessCommand.shell(commandLine).executableName()).isEqualTo(ProcessCommand.HIDDEN_NAME);
	}

	@Test
	void argvZeroHoldingAWholeCommandLineIsCutAtTheFirstWhitespace() {
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper --password s3cr3t")).executableName())
			.isEqualTo("helper");
		assertThat(ProcessCommand.direct(List.of("PASSWORD=s3cr3t")).executableName())
			.isEqualTo(ProcessCommand.HIDDEN_NAME);
	}

	@Test
	void argumentWordsOfAShellCommandAreTheValuesAfterTheProgramAndOfItsAssignments() {
		assertThat(ProcessCommand.shell("HELPER_KEY=k3y-value /usr/bin/helper --password 'pa55word' --role=arn:role")
			.argumentWords()).contains("HELPER_KEY=k3y-value", "k3y-value", "pa55word", "--role=arn:role", "arn:role")
			.doesNotContain("/usr/bin/helper", "--password");
	}

	@Test
	void aFirstWordThatIsNotShownIsMaskedLikeAnArgument() {
		assertThat(ProcessCommand.shell("'HELPER_KEY=k3y-value' /usr/bin/helper").argumentWords())
			.contains("HELPER_KEY=k3y-value", "k3y-value");
	}

	@Test
	void argumentWordsOfAnArgvAreItsElementsAfterTheFirstAndTheWordsAfterTheFirstInIt() {
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper --password pa55word", "--role", "arn:role"))
			.argumentWords()).contains("pa55word", "arn:role").doesNotContain("/usr/bin/helper", "--role");
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper")).argumentWords()).isEmpty();
	}

	@Test
	void wordStartingWithEqualsHasItsValueMaskedToo() {
		assertThat(ProcessCommand.shell("helper =s3cr3t-value").argumentWords())
			.containsExactly("=s3cr3t-value", "s3cr3t-value");
	}

	@Test
	void argvIsReadAsAShellCommandOnlyWhenItRunsTheShellWithDashC() {
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper", "-c", "pass phrase")).argumentWords())
			.containsExactly("pass phrase");
		assertThat(ProcessCommand.direct(List.of("/bin/sh", "-e", "pass phrase")).argumentWords())
			.containsExactly("pass phrase");
	}

	@Test
	void wordsAfterAProgramThatCannotBeToldAreAllTheWords() {
		assertThat(ProcessCommand.shell("$HOME/bin/helper --x").wordsAfterProgram())
			.containsExactly("$HOME/bin/helper", "--x");
	}

	@Test
	void wordsAfterTheProgramStartAfterItsFirstAppearance() {
		assertThat(ProcessCommand.shell("/usr/bin/env /usr/bin/env python3 helper.py").wordsAfterProgram())
			.containsExactly("/usr/bin/env", "python3", "helper.py");
	}

	@Test
	void wordsAfterTheProgramAreThoseAfterItsAssignmentsAndItWithoutQuotes() {
		assertThat(ProcessCommand.shell("HELPER_KEY=k3y /usr/bin/env 'python3' -u helper.py").wordsAfterProgram())
			.containsExactly("python3", "-u", "helper.py");
		assertThat(ProcessCommand.direct(List.of("python3", "-u", "helper.py")).wordsAfterProgram())
			.containsExactly("-u", "helper.py");
		assertThat(ProcessCommand.shell("/usr/bin/helper").wordsAfterProgram()).isEmpty();
	}

	@Test
	void escapedSpaceBelongsToTheAssignmentAsInSh() {
		ProcessCommand command = ProcessCommand.shell("HELPER_PASSPHRASE=correct\\ horse helper --x");
		assertThat(command.executableName()).isEqualTo("helper");
		assertThat(command.argumentWords()).contains("correct horse").doesNotContain("horse", "helper");
	}

	@Test
	void unicodeSpaceDoesNotSeparateShellWords() {
		ProcessCommand command = ProcessCommand.shell("HELPER_PASSPHRASE=correct\u2003horse helper");
		assertThat(command.executableName()).isEqualTo("helper");
		assertThat(command.argumentWords()).contains("correct\u2003horse");
	}

	@Test
	void quotedAssignmentValueIsOneSecret() {
		assertThat(ProcessCommand.shell("P='my cat Tom is 7 yrs old' helper").argumentWords())
			.contains("my cat Tom is 7 yrs old");
	}

	@Test
	void programReachedThroughAnExpansionIsNotNamed() {
		assertThat(ProcessCommand.shell("$HOME/bin/helper --x").executableName()).isEqualTo(ProcessCommand.HIDDEN_NAME);
		assertThat(ProcessCommand.shell("A=$(cat secret) helper").executableName())
			.isEqualTo(ProcessCommand.HIDDEN_NAME);
	}

	@Test
	void programWhoseNameHoldsASpaceOfAnyKindIsNotNamed() {
		assertThat(ProcessCommand.shell("'pass phrase' --x").executableName()).isEqualTo(ProcessCommand.HIDDEN_NAME);
		assertThat(ProcessCommand.shell("'pass phrase' --x").argumentWords()).contains("pass phrase");
		assertThat(ProcessCommand.shell("pass\u2003phrase").executableName()).isEqualTo(ProcessCommand.HIDDEN_NAME);
	}

	@Test
	void argvZeroIsCutAtAUnicodeSpaceAndItsArgumentsDoNotNameIt() {
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper\u2003s3cr3t")).executableName()).isEqualTo("helper");
		assertThat(ProcessCommand.direct(List.of("/usr/bin/helper --role arn:aws:iam::1:role/secret-role")).executableName())
			.isEqualTo("helper");
	}

	@Test
	void lineThatCannotBeSplitHasEveryPartMasked() {
		ProcessCommand command = ProcessCommand.shell("helper 'unclosed s3cr3t-value");
		assertThat(command.executableName()).isEqualTo(ProcessCommand.HIDDEN_NAME);
		assertThat(command.argumentWords()).contains("helper", "'unclosed", "s3cr3t-value");
	}

}
