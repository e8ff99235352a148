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
	 * The helper's stderr tail at the end of this message, or {@code null}; set by the runner so
	 * that the log line of a failure can leave out what the stderr log already said.
	 */
	private transient String stderrTail;

	/** Whether the stderr log showed the helper's lines at INFO or WARN, so the tail need not be said again. */
	private transient boolean stderrLogged;

	/**
	 * The cause of the failure.
	 * @return the error code
	 */
	public ErrorCode code() {
		return this.code;
	}

	/** Records the stderr tail this message ends with ({@code "; stderr: " + tail}). */
	CredentialProcessException withStderrTail(String tail) {
		this.stderrTail = tail;
		return this;
	}

	/** The stderr log has shown the helper's lines where a WARN is seen too. */
	void stderrLogged() {
		this.stderrLogged = true;
	}

	/**
	 * The message for the failure's log line: the stderr tail is left out when the helper's lines
	 * were already logged (logger {@code io.github.credentialprocess.stderr}), so that they are said once.
	 */
	String logMessage() {
		String message = getMessage();
		String suffix = "; stderr: " + this.stderrTail;
		if (this.stderrLogged && this.stderrTail != null && message.endsWith(suffix)) {
			return message.substring(0, message.length() - suffix.length()) + "; stderr: logged above by "
					+ StderrLog.LOGGER_NAME;
		}
		return message;
	}

}
