package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code SIGSTOP} reaches a real process: through {@code kill(2)} on Java 22 and newer where native
 * access is enabled (the build enables it there), through {@code /bin/kill} on Java 17 to 21.
 */
class SignalsTests {

	@Test
	void signalsGoThroughKillTwoExactlyWhereTheJvmAllowsNativeCalls() {
		boolean nativeAccess = Runtime.version().feature() >= 22
				&& ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
					.anyMatch((argument) -> argument.startsWith("--enable-native-access"));
		assertThat(Signals.isNative()).isEqualTo(nativeAccess);
	}

	@Test
	void stoppedProcessIsStoppedUntilKilled() throws IOException {
		Process sleeper = new ProcessBuilder("/bin/sleep", "30").start();
		try {
			assertThat(Signals.stop(List.of(sleeper.toHandle()))).isTrue();
			Path stat = Path.of("/proc", Long.toString(sleeper.pid()), "stat");
			await().atMost(Duration.ofSeconds(20)).until(() -> state(stat) == 'T');
		}
		finally {
			sleeper.destroyForcibly();
		}
	}

	@Test
	void processThatHasExitedIsPassedOver() throws Exception {
		Process done = new ProcessBuilder("/bin/true").start();
		done.waitFor();
		assertThat(Signals.stop(List.of(done.toHandle()))).isTrue();
	}

	/** The state letter of /proc/PID/stat: after the command name in parentheses. */
	private static char state(Path stat) throws IOException {
		String text = Files.readString(stat);
		return text.charAt(text.lastIndexOf(')') + 2);
	}

}
