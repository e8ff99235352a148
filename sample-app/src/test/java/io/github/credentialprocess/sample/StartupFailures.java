package io.github.credentialprocess.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a failed startup, which wraps the cause the tests look for (Spring Cloud AWS's
 * import exception around the AWS SDK's, for one).
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The messages of a failure and of each of its causes, outermost first.
	 * @param failure the failure
	 * @return the messages
	 */
	static List<String> causes(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

}
