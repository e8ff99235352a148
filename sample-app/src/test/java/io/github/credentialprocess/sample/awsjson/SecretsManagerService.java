package io.github.credentialprocess.sample.awsjson;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * AWS Secrets Manager's answer to the operation Spring Cloud AWS's {@code aws-secretsmanager:}
 * import calls, {@code GetSecretValue}, in the shape of the service's API reference: a secret is
 * found by its name or its ARN.
 */
public final class SecretsManagerService implements AwsJsonService {

	/** ARNs are only shown: one region and account will do. */
	private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

	/** The six characters the service appends to a secret's name in its ARN. */
	private static final String ARN_SUFFIX = "-a1B2c3";

	private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

	/**
	 * Stores a secret with a string value, as a new version.
	 * @param name the secret's name, such as {@code app-secret}
	 * @param secretString its value, often a JSON object of properties
	 */
	public void putSecretString(String name, String secretString) {
		this.secrets.put(name, new Secret(name, secretString, UUID.randomUUID().toString(), Instant.now()));
	}

	@Override
	public String targetPrefix() {
		return "secretsmanager";
	}

	@Override
	public String signingName() {
		return "secretsmanager";
	}

	@Override
	public Map<String, Object> answer(String operation, JsonNode input) {
		if (!"GetSecretValue".equals(operation)) {
			throw AwsJsonService.unknownOperation(operation);
		}
		String id = input.path("SecretId").asString("");
		Secret secret = this.secrets.get(id.startsWith(ARN_PREFIX) && id.endsWith(ARN_SUFFIX)
				? id.substring(ARN_PREFIX.length(), id.length() - ARN_SUFFIX.length()) : id);
		if (secret == null) {
			throw new AwsJsonError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
		}
		return secret.toJson();
	}

	private record Secret(String name, String secretString, String versionId, Instant createdDate) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("ARN", ARN_PREFIX + this.name + ARN_SUFFIX);
			json.put("Name", this.name);
			json.put("VersionId", this.versionId);
			json.put("SecretString", this.secretString);
			json.put("VersionStages", List.of("AWSCURRENT"));
			json.put("CreatedDate", this.createdDate.getEpochSecond());
			return json;
		}

		/** Leaves the value out: a secret's value is never shown. */
		@Override
		public String toString() {
			return "Secret[" + this.name + ", version " + this.versionId + "]";
		}

	}

}
