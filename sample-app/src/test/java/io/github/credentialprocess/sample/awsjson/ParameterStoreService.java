package io.github.credentialprocess.sample.awsjson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import tools.jackson.databind.JsonNode;

/**
 * AWS Systems Manager Parameter Store's answers to the operations Spring Cloud AWS's
 * {@code aws-parameterstore:} import calls ({@code GetParametersByPath}, page by page with
 * {@code NextToken}, recursive and with decryption) and to {@code GetParameter}, in the shapes of
 * the service's API reference.
 */
public final class ParameterStoreService implements AwsJsonService {

	/** GetParametersByPath's default and largest {@code MaxResults}. */
	static final int PAGE_SIZE = 10;

	/** ARNs are only shown: one region and account will do. */
	private static final String ARN_PREFIX = "arn:aws:ssm:us-east-1:000000000000:parameter";

	private final NavigableMap<String, Parameter> parameters = new ConcurrentSkipListMap<>();

	/**
	 * Stores a parameter of type {@code String}.
	 * @param name the full name, such as {@code /config/app/greeting}
	 * @param value its value
	 */
	public void putString(String name, String value) {
		put(name, "String", value);
	}

	/**
	 * Stores a parameter of type {@code SecureString}, whose value is answered only to a request
	 * with {@code WithDecryption}.
	 * @param name the full name
	 * @param value its decrypted value
	 */
	public void putSecureString(String name, String value) {
		put(name, "SecureString", value);
	}

	private void put(String name, String type, String value) {
		this.parameters.merge(name, new Parameter(name, type, value, 1, Instant.now()),
				(old, updated) -> new Parameter(name, type, value, old.version() + 1, updated.lastModified()));
	}

	@Override
	public String targetPrefix() {
		return "AmazonSSM";
	}

	@Override
	public String signingName() {
		return "ssm";
	}

	@Override
	public Map<String, Object> answer(String operation, JsonNode input) {
		return switch (operation) {
			case "GetParametersByPath" -> byPath(input);
			case "GetParameter" -> one(input);
			default -> throw AwsJsonService.unknownOperation(operation);
		};
	}

	private Map<String, Object> byPath(JsonNode input) {
		String path = input.path("Path").asString("");
		if (!path.startsWith("/")) {
			throw new AwsJsonError("ValidationException", "The parameter doesn't meet the parameter name requirements. "
					+ "The parameter name must begin with a forward slash \"/\".");
		}
		String prefix = path.endsWith("/") ? path : path + "/";
		boolean recursive = input.path("Recursive").asBoolean(false);
		boolean decrypt = input.path("WithDecryption").asBoolean(false);
		List<Parameter> matching = this.parameters.tailMap(prefix)
			.values()
			.stream()
			.takeWhile((parameter) -> parameter.name().startsWith(prefix))
			.filter((parameter) -> recursive || parameter.name().indexOf('/', prefix.length()) < 0)
			.toList();
		int from = input.has("NextToken") ? pageStart(input.path("NextToken").asString()) : 0;
		int to = Math.min(matching.size(), from + Math.min(input.path("MaxResults").asInt(PAGE_SIZE), PAGE_SIZE));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("Parameters", matching.subList(Math.min(from, to), to).stream().map((p) -> p.toJson(decrypt)).toList());
		if (to < matching.size()) {
			answer.put("NextToken", Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
		}
		return answer;
	}

	private static int pageStart(String token) {
		try {
			return Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new AwsJsonError("InvalidNextToken", "The specified token isn't valid.");
		}
	}

	private Map<String, Object> one(JsonNode input) {
		String name = input.path("Name").asString("");
		Parameter parameter = this.parameters.get(name.startsWith(ARN_PREFIX) ? name.substring(ARN_PREFIX.length()) : name);
		if (parameter == null) {
			throw new AwsJsonError("ParameterNotFound", null);
		}
		return Map.of("Parameter", parameter.toJson(input.path("WithDecryption").asBoolean(false)));
	}

	private record Parameter(String name, String type, String value, long version, Instant lastModified) {

		Map<String, Object> toJson(boolean decrypt) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("Name", this.name);
			json.put("Type", this.type);
			json.put("Value", ("SecureString".equals(this.type) && !decrypt) ? ciphertext(this.value) : this.value);
			json.put("Version", this.version);
			json.put("LastModifiedDate", this.lastModified.getEpochSecond());
			json.put("ARN", ARN_PREFIX + this.name);
			json.put("DataType", "text");
			return json;
		}

		/** What stands for the KMS ciphertext the service answers without decryption. */
		private static String ciphertext(String value) {
			try {
				return Base64.getEncoder()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Leaves the value out: a SecureString's is a secret. */
		@Override
		public String toString() {
			return "Parameter[" + this.name + ", " + this.type + ", version " + this.version + "]";
		}

	}

}
