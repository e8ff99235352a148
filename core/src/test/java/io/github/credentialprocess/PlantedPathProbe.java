package io.github.credentialprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider in a JVM of its own whose {@code PATH} starts with a folder of planted programs, as a
 * writable {@code PATH} entry would hold them: each planted program notes its name in a file, then
 * does what the real one does. Run by {@link #run}; the command to run is given as arguments
 * ({@code shell <command line>} or {@code argv <program> <arguments>...}), with a one-second
 * timeout, and the outcome is printed as {@code PROBE ok} or {@code PROBE <error code>}.
 */
public final class PlantedPathProbe {

	private PlantedPathProbe() {
	}

	public static void main(String[] args) {
		CredentialProcessProvider.Builder builder = args[0].equals("shell")
				? CredentialProcessProvider.builder().command(args[1])
				: CredentialProcessProvider.builder().command(List.of(args).subList(1, args.length));
		String outcome;
		try (CredentialProcessProvider provider = builder.timeout(Duration.ofSeconds(1)).build()) {
			provider.resolveCredentials();
			outcome = "ok";
		}
		catch (CredentialProcessException ex) {
			outcome = ex.code().name();
		}
		System.out.println("PROBE " + outcome);
	}

	/**
	 * Plants the programs in {@code folder/planted}, runs the probe with that folder first on the
	 * {@code PATH}, and waits for it to end.
	 * @return the probe's outcome and the names of the planted programs that ran, in order
	 */
	static Result run(Path folder, List<String> planted, String... command) throws IOException, InterruptedException {
		Path bin = Files.createDirectories(folder.resolve("planted"));
		Path record = folder.resolve("planted-runs");
		for (String name : planted) {
			Path fake = bin.resolve(name);
			Files.writeString(fake, "#!/bin/sh\necho " + name + " >> '" + record + "'\nexec /bin/" + name + " \"$@\"\n");
			Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
		}
		List<String> probe = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), PlantedPathProbe.class.getName()));
		probe.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(probe).redirectErrorStream(true);
		builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("probe ended").isTrue();
		String outcome = output.lines().filter((line) -> line.startsWith("PROBE ")).findFirst().orElse(output);
		return new Result(outcome, Files.exists(record) ? Files.readAllLines(record) : List.of());
	}

	record Result(String outcome, List<String> plantedRuns) {
	}

}
