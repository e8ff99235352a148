package io.github.credentialprocess.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The credential process helpers of several AWS identities, one script per identity in a folder,
 * named {@code <identity>.sh}. Each prints its own identity's key pair as credential_process JSON
 * and leaves traces a test can read: a line per run in {@code <identity>.runs}, the pid of its
 * latest run in {@code <identity>.pid}. While {@code <identity>.hang} exists, it hangs before it
 * prints anything, as a helper waiting for a network or a person does.
 */
final class IdentityHelpers {

	/**
	 * An AWS identity: a provider's name and the key pair its helper prints. Prints itself without
	 * the secret.
	 */
	record Identity(String name, String accessKeyId, String secretAccessKey) {

		@Override
		public String toString() {
			return "Identity[name=" + this.name + ", accessKeyId=" + this.accessKeyId + "]";
		}

	}

	private final Path folder;

	/**
	 * Writes the helper of each identity into the folder.
	 * @param folder where the scripts and their traces go
	 * @param identities the identities
	 */
	IdentityHelpers(Path folder, List<Identity> identities) {
		this.folder = folder;
		identities.forEach(this::write);
	}

	/** The folder of the scripts, each named {@code <identity>.sh}. */
	Path folder() {
		return this.folder;
	}

	/** How many times the identity's helper has started. */
	int runs(Identity identity) {
		Path runs = trace(identity, "runs");
		return Files.exists(runs) ? unchecked(() -> Files.readAllLines(runs).size()) : 0;
	}

	/** The process id of the identity's latest run, once it has started. */
	Optional<Long> pid(Identity identity) {
		Path pid = trace(identity, "pid");
		return Files.exists(pid) ? Optional.of(unchecked(() -> Long.parseLong(Files.readString(pid).strip())))
				: Optional.empty();
	}

	/**
	 * Makes every later run of the identity's helper hang. The pid of the last run is forgotten,
	 * so that the pid file, once it is back, names the hanging run.
	 */
	void hangFromTheNextRun(Identity identity) {
		unchecked(() -> {
			Files.deleteIfExists(trace(identity, "pid"));
			return Files.createFile(trace(identity, "hang"));
		});
	}

	private void write(Identity identity) {
		Path script = this.folder.resolve(identity.name() + ".sh");
		// The pid goes through a temporary file and a rename, so that a reader never sees it half written.
		String text = """
				#!/bin/sh
				echo run >> '%1$s.runs'
				echo $$ > '%1$s.pid.tmp' && mv '%1$s.pid.tmp' '%1$s.pid'
				if [ -e '%1$s.hang' ]; then
				  sleep 300
				fi
				printf '{"Version":1,"AccessKeyId":"%2$s","SecretAccessKey":"%3$s"}\\n'
				""".formatted(this.folder.resolve(identity.name()), identity.accessKeyId(), identity.secretAccessKey());
		unchecked(() -> {
			Files.writeString(script, text);
			// Not writable by others: the starter warns about a helper that others could change.
			return Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		});
	}

	private Path trace(Identity identity, String kind) {
		return this.folder.resolve(identity.name() + "." + kind);
	}

	private static <T> T unchecked(IoAction<T> action) {
		try {
			return action.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface IoAction<T> {

		T run() throws IOException;

	}

}
