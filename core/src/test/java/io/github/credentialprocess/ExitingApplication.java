package io.github.credentialprocess;

import java.nio.file.Path;
import java.util.List;

/**
 * An application that starts a hanging helper and exits without closing its provider, for
 * {@link HelpersAtExitTests}: {@code ExitingApplication <helper script> <its pid file>}.
 */
public final class ExitingApplication {

	private ExitingApplication() {
	}

	public static void main(String[] args) {
		CredentialProcessProvider provider = CredentialProcessProvider.builder().command(List.of(args[0])).build();
		provider.prefetch();
		Scripts.awaitPid(Path.of(args[1]));
		// Does nothing to a running provider, but only once the spawn in progress is done: a helper
		// is started, and registered, under the lock of the provider's lifecycle.
		provider.start();
		System.exit(0);
	}

}
