package io.github.credentialprocess;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns the stdout of a credential process into {@link ProcessCredentials}, applying the rules of
 * the AWS {@code credential_process} format. Error messages give positions and sizes, never the
 * content: the output is full of secrets.
 */
final class CredentialsParser {

	private static final JsonFactory JSON = new JsonFactory();

	/** The keys of the credential_process format, which an error may name. */
	private static final Set<String> KNOWN_KEYS = Set.of("Version", "AccessKeyId", "SecretAccessKey", "SessionToken",
			"Expiration", "AccountId", "CredentialScope");

	private final String executableName;

	CredentialsParser(String executableName) {
		this.executableName = executableName;
	}

	/**
	 * Parses one run's output.
	 * @param output everything the process wrote to stdout
	 * @param now when the run finished; becomes {@code fetchedAt}, and an {@code Expiration} at or
	 * before it is refused
	 */
	ProcessCredentials parse(byte[] output, Instant now) {
		requireUtf8(output);
		Map<String, JsonValue> fields = readTopLevelObject(output);
		requireVersion1(fields.get("Version"));
		String accessKeyId = requiredString(fields, "AccessKeyId");
		String secretAccessKey = requiredString(fields, "SecretAccessKey");
		String sessionToken = optionalString(fields, "SessionToken").orElse(null);
		Optional<Instant> expiration = optionalString(fields, "Expiration").map(this::parseExpiration);
		if (expiration.isPresent() && !expiration.get().isAfter(now)) {
			throw new CredentialProcessException(ErrorCode.EXPIRED,
					"Credential process '" + this.executableName + "' returned credentials whose Expiration "
							+ expiration.get() + " is not after the current time " + now
							+ "; it must return fresh credentials (is its own cache stale, or the clock wrong?)");
		}
		Optional<String> accountId = optionalString(fields, "AccountId");
		if (accountId.isPresent() && !ProcessCredentials.isAccountId(accountId.get())) {
			throw new CredentialProcessException(ErrorCode.PARSE, "The output of credential process '"
					+ this.executableName + "' has an \"AccountId\" of " + accountId.get().length()
					+ " characters that is not an AWS account id; it must be 12 digits, such as \"123456789012\"");
		}
		return new ProcessCredentials(accessKeyId, secretAccessKey, sessionToken, expiration, accountId,
				optionalString(fields, "CredentialScope"), now);
	}

	private void requireUtf8(byte[] output) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(output);
		try {
			decoder.decode(bytes);
		}
		catch (CharacterCodingException ex) {
			throw parseError("is not valid UTF-8 at byte " + bytes.position() + " of " + output.length, output);
		}
	}

	/**
	 * Reads the single top-level object, keeping the scalar value of each of its fields and
	 * skipping nested values, which the format does not use.
	 */
	private Map<String, JsonValue> readTopLevelObject(byte[] output) {
		Map<String, JsonValue> fields = new HashMap<>();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), output)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw parseError("is empty", output);
			}
			if (first != JsonToken.START_OBJECT) {
				throw parseError("is not a JSON object (it starts with a JSON " + describe(first) + ")", output);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken token = parser.nextToken();
				JsonValue value = JsonValue.read(parser, token);
				if (fields.putIfAbsent(name, value) != null) {
					throw parseError("has " + describeKey(name) + " more than once (at "
							+ position(parser.currentLocation()) + ")", output);
				}
				parser.skipChildren();
			}
			JsonToken trailing = parser.nextToken();
			if (trailing != null) {
				throw parseError("has content after the JSON object (at " + position(parser.currentLocation()) + ")",
						output);
			}
		}
		catch (StreamConstraintsException ex) {
			throw parseError("exceeds the JSON parser's limits (nesting depth or value length, at "
					+ position(ex.getLocation()) + ")", output);
		}
		catch (JacksonException ex) {
			throw parseError("is not valid JSON (syntax error at " + position(ex.getLocation()) + ")", output);
		}
		return fields;
	}

	private void requireVersion1(JsonValue version) {
		if (version == null) {
			throw new CredentialProcessException(ErrorCode.VERSION, "The output of credential process '"
					+ this.executableName + "' has no \"Version\"; it must contain \"Version\": 1");
		}
		if (!version.isInteger(1)) {
			throw new CredentialProcessException(ErrorCode.VERSION,
					"The output of credential process '" + this.executableName + "' has \"Version\" as a JSON "
							+ version.describe() + "; the only supported version is the number 1");
		}
	}

	private String requiredString(Map<String, JsonValue> fields, String name) {
		JsonValue value = fields.get(name);
		String problem = (value == null) ? "has no \"" + name + "\""
				: (value.string() == null) ? "has \"" + name + "\" as a JSON " + value.describe() + ", not a string"
						: value.string().isEmpty() ? "has an empty \"" + name + "\"" : null;
		if (problem != null) {
			throw new CredentialProcessException(ErrorCode.REQUIRED, "The output of credential process '"
					+ this.executableName + "' " + problem + "; \"" + name + "\" is required and must be a non-empty string");
		}
		return value.string();
	}

	private Optional<String> optionalString(Map<String, JsonValue> fields, String name) {
		JsonValue value = fields.get(name);
		if (value == null || value.isNull()) {
			return Optional.empty();
		}
		if (value.string() == null) {
			throw new CredentialProcessException(ErrorCode.PARSE, "The output of credential process '"
					+ this.executableName + "' has \"" + name + "\" as a JSON " + value.describe()
					+ "; it must be a string when present");
		}
		return Optional.of(value.string()).filter((string) -> !string.isEmpty());
	}

	private Instant parseExpiration(String value) {
		OffsetDateTime expiration;
		try {
			expiration = OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			throw new CredentialProcessException(ErrorCode.PARSE,
					"The output of credential process '" + this.executableName + "' has an \"Expiration\" of "
							+ value.length() + " characters that is not an RFC 3339 timestamp; use the form "
							+ "2030-01-01T00:00:00Z (an offset such as +02:00 and fractional seconds are allowed)");
		}
		// ISO 8601 also admits signed years of up to nine digits, past what fits in epoch
		// milliseconds; RFC 3339 has four-digit years only.
		if (expiration.getYear() < 0 || expiration.getYear() > 9999) {
			throw new CredentialProcessException(ErrorCode.PARSE,
					"The output of credential process '" + this.executableName + "' has an \"Expiration\" whose year "
							+ expiration.getYear() + " is outside 0000 to 9999, the four-digit years of RFC 3339; "
							+ "use the form 2030-01-01T00:00:00Z");
		}
		return expiration.toInstant();
	}

	private CredentialProcessException parseError(String problem, byte[] output) {
		return new CredentialProcessException(ErrorCode.PARSE,
				"The output of credential process '" + this.executableName + "' (" + output.length + " bytes) " + problem
						+ "; it must print only the credential_process JSON object to stdout (diagnostics go to stderr)");
	}

	private static String position(TokenStreamLocation location) {
		if (location == null) {
			return "an unknown position";
		}
		return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ", byte "
				+ Math.max(0, location.getByteOffset());
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case START_ARRAY -> "array";
			case VALUE_STRING -> "string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
			case VALUE_TRUE, VALUE_FALSE -> "boolean";
			case VALUE_NULL -> "null";
			default -> "value";
		};
	}

	/**
	 * A key named in an error: a key of the format by its name; any other only by its length, since
	 * the helper chose it (it may be a secret, or text made to forge a log line).
	 */
	private static String describeKey(String name) {
		return KNOWN_KEYS.contains(name) ? "\"" + name + "\"" : "an unknown key of " + name.length() + " characters";
	}

	/**
	 * The part of a field's value the format needs: its JSON type, and its text when it is a
	 * string or an integer that fits an {@code int}.
	 */
	private record JsonValue(JsonToken token, String string, Integer integer) {

		static JsonValue read(JsonParser parser, JsonToken token) {
			if (token == JsonToken.VALUE_STRING) {
				return new JsonValue(token, parser.getString(), null);
			}
			if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
				return new JsonValue(token, null, parser.getIntValue());
			}
			return new JsonValue(token, null, null);
		}

		boolean isInteger(int expected) {
			return this.integer != null && this.integer == expected;
		}

		boolean isNull() {
			return this.token == JsonToken.VALUE_NULL;
		}

		String describe() {
			return (this.integer != null) ? "number " + this.integer : CredentialsParser.describe(this.token);
		}

	}

}
