package io.github.credentialprocess.sample.readme;

import java.time.Duration;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;

// The example of docs/engine.md ("Using the engine directly"), compiled here; ReadmeExamplesTests
// checks that the page shows it as written here.
class EngineExample {

	void resolve() {
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder()
				.command("/usr/local/bin/get-credentials --profile dev")   // run through sh -c / cmd.exe /C
				.timeout(Duration.ofSeconds(30))
				.build()) {
			ProcessCredentials credentials = provider.resolveCredentials();
		}
	}

}
