package io.github.credentialprocess.autoconfigure;

/**
 * The credential process cannot be set up from the configuration, or failed its startup run with
 * {@code fail-fast} on. Carries the text {@link CredentialProcessFailureAnalyzer} shows instead of
 * a stack trace.
 */
final class CredentialProcessConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	CredentialProcessConfigurationException(String description, String action) {
		this(description, action, null);
	}

	CredentialProcessConfigurationException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	String description() {
		return getMessage();
	}

	String action() {
		return this.action;
	}

}
