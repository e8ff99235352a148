package io.github.credentialprocess.sample.awsjson;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One AWS service as {@link AwsJsonServer} answers it: the prefix of its {@code X-Amz-Target}
 * header ({@code AmazonSSM.GetParametersByPath}), the name its requests are signed for, and its
 * operations.
 */
interface AwsJsonService {

	/**
	 * The part of {@code X-Amz-Target} before the dot.
	 * @return such as {@code AmazonSSM}
	 */
	String targetPrefix();

	/**
	 * The service name of the signature's credential scope.
	 * @return such as {@code ssm}
	 */
	String signingName();

	/**
	 * Answers one operation of a request whose signature was checked.
	 * @param operation the part of {@code X-Amz-Target} after the dot
	 * @param input the request's JSON body
	 * @return the answer's JSON body
	 * @throws AwsJsonError the service's error answer
	 */
	Map<String, Object> answer(String operation, JsonNode input);

	/** The answer to an operation the service does not have. */
	static AwsJsonError unknownOperation(String operation) {
		return new AwsJsonError("UnknownOperationException", "Unknown operation " + operation);
	}

}
