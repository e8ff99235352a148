package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Taking {@code credential_process} from a profile of the AWS shared config file.
 */
class SharedConfigFileTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	private Path configFile;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.configFile = this.folder.resolve("config");
	}

	@Test
	void profileCredentialProcessIsRun() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		writeConfig("[default]\nregion = us-east-1\n\n[profile dev]\ncredential_process = '" + script + "' --flag\n");
		try (CredentialProcessProvider provider = fromProfile("dev")) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	@Test
	void defaultProfileIsUsedWhenNoneIsNamed() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		writeConfig("[default]\ncredential_process = " + script + "\n");
		try (CredentialProcessProvider provider = fromProfile(null)) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
		}
	}

	@Test
	void credentialProcessTakesPrecedenceOverStaticKeysWithAWarningNamingOnlyTheKeys() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		writeConfig("[profile dev]\naws_access_key_id = AKIDSTATIC1234\naws_secret_access_key = static-secret\n"
				+ "aws_session_token = static-token\ncredential_process = " + script + "\n");
		try (LogCapture logs = new LogCapture(); CredentialProcessProvider provider = fromProfile("dev")) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
			assertThat(this.scripts.runs()).isEqualTo(1);
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("Profile 'dev' in the AWS config file " + this.configFile)
				.contains("aws_access_key_id, aws_secret_access_key, aws_session_token")
				.contains("credential_process is run")
				.doesNotContain("AKIDSTATIC1234")
				.doesNotContain("static-secret")
				.doesNotContain("static-token");
		}
	}

	@Test
	void staticKeysAloneAreServedAndNoProcessRuns() throws IOException {
		writeConfig("[profile dev]\naws_access_key_id = AKIDSTATIC1234\naws_secret_access_key = static-secret\n");
		try (LogCapture logs = new LogCapture(); CredentialProcessProvider provider = fromProfile("dev")) {
			ProcessCredentials credentials = provider.resolveCredentials();
			assertThat(credentials.accessKeyId()).isEqualTo("AKIDSTATIC1234");
			assertThat(credentials.secretAccessKey()).isEqualTo("static-secret");
			assertThat(provider.refresh()).isSameAs(credentials);
			assertThat(logs.lines(Level.WARN)).isEmpty();
		}
	}

	@Test
	void missingFileIsAClearErrorNamingTheFileAndProfile() {
		assertThatIllegalStateException().isThrownBy(() -> fromProfile("dev"))
			.withMessageContaining("The AWS config file " + this.configFile + " does not exist")
			.withMessageContaining("[profile dev]");
	}

	@Test
	void missingProfileIsAClearErrorNamingTheFileAndProfile() throws IOException {
		writeConfig("[profile prod]\ncredential_process = /bin/true\n");
		assertThatIllegalStateException().isThrownBy(() -> fromProfile("dev"))
			.withMessageContaining(this.configFile + " has no profile 'dev'")
			.withMessageContaining("[prod]");
	}

	@Test
	void profileWithoutCredentialProcessIsAClearError() throws IOException {
		writeConfig("[profile dev]\nregion = eu-west-1\n");
		assertThatIllegalStateException().isThrownBy(() -> fromProfile("dev"))
			.withMessageContaining("Profile 'dev' in the AWS config file " + this.configFile + " has no credential_process");
	}

	@Test
	void configFileWritableByOthersIsWarnedAbout() throws IOException {
		writeConfig("[profile dev]\ncredential_process = /bin/true\n");
		Files.setPosixFilePermissions(this.configFile, PosixFilePermissions.fromString("rw-rw-rw-"));
		try (LogCapture logs = new LogCapture()) {
			fromProfile("dev").close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("AWS config file " + this.configFile + " is writable by group or others")
				.contains("chmod go-w " + this.configFile);
		}
	}

	@Test
	void lockedDownFilesAreNotWarnedAbout() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		writeConfig("[profile dev]\ncredential_process = " + script + "\n");
		try (LogCapture logs = new LogCapture()) {
			fromProfile("dev").close();
			assertThat(logs.lines(Level.WARN)).isEmpty();
		}
	}

	private CredentialProcessProvider fromProfile(String profile) {
		return CredentialProcessProvider.builder().profile(profile).configFile(this.configFile).build();
	}

	private void writeConfig(String content) throws IOException {
		Files.writeString(this.configFile, content);
		Files.setPosixFilePermissions(this.configFile, PosixFilePermissions.fromString("rw-------"));
	}

}
