package io.github.credentialprocess;

import java.util.Optional;

/**
 * Why a credential process run did not produce credentials. Each code names one cause, so that
 * logs, metrics ({@code error} tag) and alerts can tell them apart.
 */
public enum ErrorCode {

	/** The process could not be started, exited with a non-zero code or was killed by a signal. */
	EXECUTION("ProcessProviderExecutionError"),

	/** The process did not exit within the configured {@code timeout}; its process tree was killed. */
	TIMEOUT(null),

	/** The process wrote more than {@code maxBufferSize} bytes to stdout; its process tree was killed. */
	OUTPUT_LIMIT(null),

	/** The output is not a JSON object of the credential_process format. */
	PARSE("ProcessProviderParseError"),

	/** The output has no {@code "Version": 1}. */
	VERSION("ProcessProviderVersionError"),

	/** {@code AccessKeyId} or {@code SecretAccessKey} is missing, empty or not a string. */
	REQUIRED("ProcessProviderRequiredError"),

	/** The {@code Expiration} the process returned is not in the future. */
	EXPIRED(null),

	/**
	 * The provider was stopped or closed (its application context stopped, closed or went into a
	 * checkpoint): the run in progress was cut short and its process tree killed, or no run was
	 * started. Not a fault of the process: it counts as neither a failure nor a success.
	 */
	CANCELLED(null);

	private final String awsCode;

	ErrorCode(String awsCode) {
		this.awsCode = awsCode;
	}

	/**
	 * The error code the Go SDK v1 package {@code aws/credentials/processcreds} uses for the same
	 * cause, where it has one.
	 * @return the AWS SDK error code, or empty when the AWS SDK has no such error
	 */
	public Optional<String> awsCode() {
		return Optional.ofNullable(this.awsCode);
	}

}
