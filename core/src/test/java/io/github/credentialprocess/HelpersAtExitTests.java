package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A helper leads a session of its own, which neither Ctrl-C nor the end of the JVM's session
 * reaches: the JVM's exit kills it, for an application that exits without closing its provider.
 */
class HelpersAtExitTests {

	@TempDir
	Path folder;

	private long helper;

	@AfterEach
	void killLeftover() {
		ProcessHandle.of(this.helper).ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	void helperOfAnApplicationThatExitsWithoutClosingItsProviderDiesWithIt() throws IOException, InterruptedException {
		Path pidFile = this.folder.resolve("helper.pid");
		Path script = new Scripts(this.folder).hangingAfterWritingPid(pidFile);
		Process application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ExitingApplication.class.getName(), script.toString(),
				pidFile.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.folder.resolve("application.log").toFile())
			.start();
		this.helper = Scripts.awaitPid(pidFile);
		assertThat(application.waitFor(60, TimeUnit.SECONDS)).as("the application exited").isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(ProcessHandle.of(this.helper).map(ProcessHandle::isAlive))
				.as("the helper, after its application exited")
				.isNotEqualTo(java.util.Optional.of(true)));
	}

}
