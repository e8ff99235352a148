package io.github.credentialprocess;

import java.util.Objects;

/**
 * A credential process run failed. The message names the cause and what to change; it never
 * contains the process output, a secret access key or a session token.
 */
public class CredentialProcessException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ErrorCode code;

	/**
	 * Creates an exception.
	 * @param code the cause
	 * @param message what happened and what to change; must not contain secrets
	 */
	public CredentialProcessException(ErrorCode code, String message) {
		this(code, message, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param code the cause
	 * @param message what happened and what to change; must not contain secrets
	 * @param cause the underlying failure, or {@code null}; its message must not contain secrets
	 */
	public CredentialProcessException(ErrorCode code, String message, Throwable cause) {
		super("[" + Objects.requireNonNull(code, "code").name() + "] " + message, cause);
		this.code = code;
	}

	/**
	 * The cause of the failure.
	 * @return the error code
	 */
	public ErrorCode code() {
		return this.code;
	}

}
