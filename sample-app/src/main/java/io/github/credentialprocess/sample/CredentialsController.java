package io.github.credentialprocess.sample;

import java.util.Map;

import io.github.credentialprocess.CredentialProcessProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the credential process provider holds now: masked access key id, expiration, next refresh.
 * Never a secret.
 */
@RestController
class CredentialsController {

	/** Absent when the starter is switched off (aws.credential-process.enabled=false), as in a test. */
	private final ObjectProvider<CredentialProcessProvider> provider;

	CredentialsController(ObjectProvider<CredentialProcessProvider> provider) {
		this.provider = provider;
	}

	@GetMapping("/credentials")
	ResponseEntity<Map<String, Object>> credentials() {
		CredentialProcessProvider current = this.provider.getIfAvailable();
		return (current != null) ? ResponseEntity.ok(current.status().toDetails()) : ResponseEntity.notFound().build();
	}

}
