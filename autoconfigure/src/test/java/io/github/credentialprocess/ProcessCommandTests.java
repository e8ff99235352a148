package io.github.credentialprocess;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommandTests {

	@Test
	void shellCommandPrintsOnlyTheExecutableName() {
		ProcessCommand command = ProcessCommand.shell("/opt/tools/aws-vault exec prod --mfa-token 123456");
		assertThat(command).hasToString("aws-vault ** arguments redacted **");
		assertThat(command.argv()).containsExactly("sh", "-c", "/opt/tools/aws-vault exec prod --mfa-token 123456");
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

}
