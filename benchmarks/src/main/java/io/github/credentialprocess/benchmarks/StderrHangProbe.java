package io.github.credentialprocess.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * Shows, with a bound, what the AWS SDK's {@link ProcessCredentialsProvider} does with a helper
 * that writes more than a pipe holds (64 KiB) to stderr before its JSON: it reads stdout only, the
 * helper blocks writing stderr, and the call never returns. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.credentialprocess.benchmarks.StderrHangProbe}.
 */
public final class StderrHangProbe {

	private static final long BOUND_SECONDS = 10;

	private StderrHangProbe() {
	}

	public static void main(String[] args) throws Exception {
		Path folder = Fixtures.temporaryFolder();
		for (int kibibytes : new int[] { 32, 64, 65, 1024 }) {
			String command = Fixtures.talkativeCommand(folder, kibibytes / 1024.0);
			ProcessCredentialsProvider sdk = Fixtures.sdk(command);
			long started = System.nanoTime();
			CompletableFuture<Object> call = CompletableFuture.supplyAsync(sdk::resolveCredentials);
			String outcome;
			try {
				call.get(BOUND_SECONDS, TimeUnit.SECONDS);
				outcome = String.format("returned after %.1f ms", (System.nanoTime() - started) / 1e6);
			}
			catch (TimeoutException ex) {
				outcome = "no result after " + BOUND_SECONDS + " s (hung; helper left blocked on stderr)";
			}
			System.out.printf("AWS SDK, %d KiB of stderr before the JSON: %s%n", kibibytes, outcome);
		}
		System.exit(0);
	}

}
