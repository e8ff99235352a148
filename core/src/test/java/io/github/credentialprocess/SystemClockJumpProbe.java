package io.github.credentialprocess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Run in a JVM of its own by {@link SystemClockJumpTests}, under libfaketime: a provider with the
 * default configuration (the system clock, the default window and jitter) for the command given as
 * arguments. Each {@code read} line on stdin is answered on stdout by
 * {@code PROBE <access key id> <expiration epoch ms> <wall clock epoch ms after the call>}.
 */
public final class SystemClockJumpProbe {

	private SystemClockJumpProbe() {
	}

	public static void main(String[] args) throws Exception {
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder().command(List.of(args)).build();
				BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String command;
			while ((command = commands.readLine()) != null && command.equals("read")) {
				String answer;
				try {
					ProcessCredentials credentials = provider.resolveCredentials();
					answer = credentials.accessKeyId() + " " + credentials.expiration().orElseThrow().toEpochMilli() + " "
							+ System.currentTimeMillis();
				}
				catch (CredentialProcessException ex) {
					answer = "error " + ex.code();
				}
				System.out.println("PROBE " + answer);
				System.out.flush();
			}
		}
	}

}
