package io.github.credentialprocess.sample.awsjson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the AWS JSON protocol, as the real services send it: status 400 and a body
 * whose {@code __type} the AWS SDK turns into its exception type and error code.
 */
final class AwsJsonError extends RuntimeException {

	private final String type;

	/**
	 * @param type the {@code __type}, such as {@code InvalidSignatureException}
	 * @param message the {@code message}, or {@code null} for an error that carries none (such as
	 * Parameter Store's {@code ParameterNotFound})
	 */
	AwsJsonError(String type, String message) {
		super(message, null, false, false);
		this.type = type;
	}

	String type() {
		return this.type;
	}

	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("__type", this.type);
		if (getMessage() != null) {
			body.put("message", getMessage());
		}
		return body;
	}

}
