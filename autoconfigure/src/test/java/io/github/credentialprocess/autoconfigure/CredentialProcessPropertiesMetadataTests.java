package io.github.credentialprocess.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata, which IDEs use for completion, documents every property.
 */
class CredentialProcessPropertiesMetadataTests {

	private static final Map<String, Object> DEFAULTS = Map.of("enabled", true, "timeout", "1m", "duration", "15m",
			"max-buffer-size", "8KB", "expiry-window", "5m", "fail-fast", false, "refresh-jitter", 0.6,
			"retry.initial-delay", "1s", "retry.max-delay", "30s", "min-refresh-interval", "5s");

	@Test
	void everyPropertyHasADescriptionAndEveryDefaultIsDocumented() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.keySet()).containsExactlyInAnyOrder("aws.credential-process.enabled",
				"aws.credential-process.command", "aws.credential-process.argv", "aws.credential-process.profile",
				"aws.credential-process.timeout", "aws.credential-process.duration",
				"aws.credential-process.max-buffer-size", "aws.credential-process.expiry-window",
				"aws.credential-process.environment", "aws.credential-process.working-directory",
				"aws.credential-process.fail-fast", "aws.credential-process.refresh-jitter",
				"aws.credential-process.retry.initial-delay", "aws.credential-process.retry.max-delay",
				"aws.credential-process.min-refresh-interval", "aws.credential-process.providers",
				"aws.credential-process.clients");
		properties.forEach((name, property) -> assertThat(property.path("description").asString())
			.as("description of %s", name)
			.isNotBlank()
			.endsWith("."));
		DEFAULTS.forEach((name, value) -> {
			JsonNode defaultValue = properties.get("aws.credential-process." + name).path("defaultValue");
			Object actual = defaultValue.isBoolean() ? defaultValue.asBoolean()
					: defaultValue.isNumber() ? defaultValue.asDouble() : defaultValue.asString();
			assertThat(actual).as("default of %s", name).isEqualTo(value);
		});
	}

	@Test
	void healthIndicatorSwitchIsDocumented() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(json);
			assertThat(root.path("properties").valueStream()
				.map((property) -> property.path("name").asString())
				.toList()).contains("management.health.credentialprocess.enabled");
		}
	}

	private Map<String, JsonNode> properties() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).as("generated metadata").isNotNull();
			Map<String, JsonNode> properties = new HashMap<>();
			JsonMapper.builder()
				.build()
				.readTree(json)
				.path("properties")
				.valueStream()
				.filter((property) -> property.path("name").asString().startsWith("aws.credential-process."))
				.forEach((property) -> properties.put(property.path("name").asString(), property));
			return properties;
		}
	}

}
