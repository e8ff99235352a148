package io.github.credentialprocess.sample;

import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the credential process provider holds now: masked access key id, expiration, next refresh.
 * Never a secret.
 */
@RestController
class CredentialsController {

	private final CredentialProcessProvider provider;

	CredentialsController(CredentialProcessProvider provider) {
		this.provider = provider;
	}

	@GetMapping("/credentials")
	Map<String, Object> credentials() {
		return this.provider.status().toDetails();
	}

}
