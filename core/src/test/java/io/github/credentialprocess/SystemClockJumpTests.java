package io.github.credentialprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real system clock jumps forward while the monotonic clock does not: libfaketime (Debian's
 * {@code libfaketime}, which {@code .ci/run} installs) shifts the wall clock of a JVM of its own and
 * of the helper it runs, by an offset this test writes to a file, and leaves the monotonic clock
 * alone. The provider in that JVM has the default configuration and reads
 * {@code Clock.systemUTC()}, exactly as in production.
 */
class SystemClockJumpTests {

	static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path folder;

	private Process probe;

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	@AfterEach
	void stopProbe() {
		if (this.probe != null) {
			ProcessTree.kill(this.probe);
		}
	}

	@Test
	void systemClockJumpingAnHourForwardNeverYieldsExpiredCredentials() throws Exception {
		// Fails, never skips, without libfaketime: a skipped test would hide that the clock jump is untested.
		assertThat(LIBFAKETIME).as("libfaketime (apt-get install libfaketime; .ci/run installs it)").exists();
		Path offset = Files.writeString(this.folder.resolve("faketime"), "+0");
		Path script = new Scripts(this.folder).rotatingCredentials(3600);
		startProbe(script, offset);
		List<String[]> seen = new ArrayList<>();
		String[] first = read(seen);
		assertThat(first[0]).isEqualTo("AKIDRUN0001");
		// 59 minutes on: past any refresh time of the default window, a minute before the expiration.
		Files.writeString(offset, "+3540");
		assertThat(read(seen)[0]).as("the first read after the jump, not waiting for the refresh").isEqualTo("AKIDRUN0001");
		await().atMost(WAIT).until(() -> read(seen)[0].equals("AKIDRUN0002"));
		// Two hours on: past the expiration of the refreshed credentials too (an hour's suspend).
		Files.writeString(offset, "+7200");
		assertThat(read(seen)[0]).isEqualTo("AKIDRUN0003");
		long expired = seen.stream().filter((answer) -> Long.parseLong(answer[1]) <= Long.parseLong(answer[2])).count();
		System.out.printf("libfaketime, system clock +59 min then +2 h: %d reads, %d expired credentials returned%n",
				seen.size(), expired);
		assertThat(expired).isZero();
	}

	private void startProbe(Path script, Path offset) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				SystemClockJumpProbe.class.getName(), script.toString());
		builder.environment().put("LD_PRELOAD", LIBFAKETIME.toString());
		builder.environment().put("FAKETIME_TIMESTAMP_FILE", offset.toString());
		builder.environment().put("FAKETIME_NO_CACHE", "1");
		builder.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
		builder.redirectErrorStream(true);
		this.probe = builder.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.probe.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().filter((line) -> line.startsWith("PROBE ")).forEach(this.answers::add);
			}
			catch (IOException ex) {
				// The probe was killed.
			}
		}, "probe-output");
		reader.setDaemon(true);
		reader.start();
	}

	/** Asks the probe for credentials; an answer is access key id, expiration and the clock after the call. */
	private String[] read(List<String[]> seen) throws IOException, InterruptedException {
		Writer commands = new java.io.OutputStreamWriter(this.probe.getOutputStream(), StandardCharsets.UTF_8);
		commands.write("read\n");
		commands.flush();
		String answer = this.answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer).as("answer of the probe").isNotNull().doesNotContain("error");
		String[] fields = answer.substring("PROBE ".length()).split(" ");
		seen.add(fields);
		return fields;
	}

}
