package io.github.credentialprocess.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a credential process configuration error, or a failed startup run with {@code fail-fast},
 * into a description naming the property and an action saying what to change.
 */
class CredentialProcessFailureAnalyzer extends AbstractFailureAnalyzer<CredentialProcessConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CredentialProcessConfigurationException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
