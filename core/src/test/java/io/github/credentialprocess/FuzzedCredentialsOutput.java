package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * A credential process output built from fuzzer input: valid JSON, nearly always one object whose
 * keys are mostly those of the format and whose values are of every JSON type, so that the fuzzer
 * spends its time past the syntax, in the rules of the format. It knows what it printed: its keys,
 * its {@code Version} and the secrets it planted.
 * <p>
 * The inputs checked in for the fuzz test that uses it are bytes this class reads: a change to how
 * it reads them changes what they are, so pick them again from a short fuzzing run.
 */
final class FuzzedCredentialsOutput {

	/**
	 * Put into every planted secret at least once in any 12 characters. No message of the parser
	 * has it, so a 12-character piece of a secret found in a message is a leak, never a coincidence
	 * with the message's own words (a secret may well contain {@code "SessionToken"}).
	 */
	private static final char SECRET_MARK = '\u00a7';

	private static final String[] KEYS = { "Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration",
			"AccountId", "CredentialScope" };

	private static final String[] NUMBERS = { "1", "2", "0", "-0", "-1", "1.0", "1.5", "1E0", "0.1e1", "1e400", "-1e400",
			"100000000000000000000000000001" };

	/** The first second of the four-digit years of RFC 3339. */
	private static final long YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();

	/** The last second of the four-digit years of RFC 3339. */
	private static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

	private static final int MAX_DEPTH = 3;

	private static final int MAX_ITEMS = 4;

	private final String json;

	private final boolean object;

	private final List<Field> fields;

	private final List<String> secrets;

	private FuzzedCredentialsOutput(String json, boolean object, List<Field> fields, List<String> secrets) {
		this.json = json;
		this.object = object;
		this.fields = fields;
		this.secrets = secrets;
	}

	static FuzzedCredentialsOutput from(FuzzedDataProvider data) {
		if (data.consumeInt(0, 15) == 0) {
			// Now and then a JSON value that is not an object: a string, a number, a literal or an array.
			return new FuzzedCredentialsOutput(value(data, MAX_DEPTH, false).json(), false, List.of(), List.of());
		}
		List<Field> fields = new ArrayList<>();
		List<String> secrets = new ArrayList<>();
		for (String key : keys(data)) {
			Value value = fieldValue(data, key);
			if (value.secret()) {
				secrets.add(value.string());
			}
			fields.add(new Field(key, value));
		}
		return new FuzzedCredentialsOutput(object(fields), true, fields, secrets);
	}

	/**
	 * Each key of the format, mostly; a few unknown keys; now and then one key twice; in an order
	 * the fuzzer chooses.
	 */
	private static List<String> keys(FuzzedDataProvider data) {
		List<String> keys = new ArrayList<>();
		for (String key : KEYS) {
			if (data.consumeInt(0, 7) > 0) {
				keys.add(key);
			}
		}
		int unknown = data.consumeInt(0, 2);
		for (int i = 0; i < unknown; i++) {
			keys.add(data.consumeString(16));
		}
		if (!keys.isEmpty() && data.consumeInt(0, 7) == 0) {
			keys.add(data.pickValue(keys));
		}
		for (int i = keys.size() - 1; i > 0; i--) {
			Collections.swap(keys, i, data.consumeInt(0, i));
		}
		return keys;
	}

	byte[] bytes() {
		return this.json.getBytes(StandardCharsets.UTF_8);
	}

	/** Whether the output is a JSON object, rather than another JSON value. */
	boolean isObject() {
		return this.object;
	}

	/** The string values printed as {@code SecretAccessKey} and {@code SessionToken}. */
	List<String> secrets() {
		return this.secrets;
	}

	boolean hasDuplicateKey() {
		Set<String> keys = new HashSet<>();
		return this.fields.stream().anyMatch((field) -> !keys.add(field.key()));
	}

	/** Whether {@code Version} is there as the number {@code 1}, the only version of the format. */
	boolean hasVersion1() {
		return field("Version").map((value) -> value.json().equals("1")).orElse(false);
	}

	/**
	 * The string printed for a key.
	 * @return empty when the key is missing or its value is not a JSON string
	 */
	Optional<String> string(String key) {
		return field(key).map(Value::string);
	}

	@Override
	public String toString() {
		return this.json;
	}

	private Optional<Value> field(String key) {
		return this.fields.stream().filter((field) -> field.key().equals(key)).map(Field::value).findFirst();
	}

	private static Value fieldValue(FuzzedDataProvider data, String key) {
		int choice = data.consumeInt(0, 3);
		return switch (key) {
			case "SecretAccessKey", "SessionToken" -> (choice < 3) ? Value.secret(data.consumeString(64)) : any(data);
			case "Version" -> (choice < 2) ? Value.raw("1") : (choice < 3) ? Value.raw(number(data)) : any(data);
			case "Expiration" -> (choice < 2) ? Value.string(timestamp(data))
					: (choice < 3) ? Value.string(data.consumeString(40)) : any(data);
			default -> (choice < 3) ? Value.string(data.consumeString(40)) : any(data);
		};
	}

	/** A timestamp in the four-digit years, in any offset, with or without fractional seconds. */
	private static String timestamp(FuzzedDataProvider data) {
		Instant instant = Instant.ofEpochSecond(data.consumeLong(YEAR_0000, YEAR_9999), data.consumeInt(0, 999_999_999));
		ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * data.consumeInt(-18 * 60, 18 * 60));
		String text = instant.atOffset(offset).toString();
		return data.consumeBoolean() ? text : text.toLowerCase(Locale.ROOT);
	}

	private static Value any(FuzzedDataProvider data) {
		return value(data, MAX_DEPTH, true);
	}

	private static Value value(FuzzedDataProvider data, int depth, boolean objects) {
		int kinds = (depth == 0) ? 3 : objects ? 5 : 4;
		return switch (data.consumeInt(1, kinds)) {
			case 1 -> Value.string(data.consumeString(40));
			case 2 -> Value.raw(number(data));
			case 3 -> Value.raw(data.pickValue(new String[] { "true", "false", "null" }));
			case 4 -> {
				List<String> items = new ArrayList<>();
				int count = data.consumeInt(0, MAX_ITEMS);
				for (int i = 0; i < count; i++) {
					items.add(value(data, depth - 1, true).json());
				}
				yield Value.raw("[" + String.join(",", items) + "]");
			}
			default -> {
				List<Field> fields = new ArrayList<>();
				int count = data.consumeInt(0, MAX_ITEMS);
				for (int i = 0; i < count; i++) {
					fields.add(new Field(data.consumeString(16), value(data, depth - 1, true)));
				}
				yield Value.raw(object(fields));
			}
		};
	}

	private static String number(FuzzedDataProvider data) {
		return switch (data.consumeInt(0, 2)) {
			case 0 -> data.pickValue(NUMBERS);
			case 1 -> Long.toString(data.consumeLong());
			default -> Double.toString(data.consumeRegularDouble());
		};
	}

	private static String object(List<Field> fields) {
		StringBuilder object = new StringBuilder("{");
		for (Field field : fields) {
			object.append((object.length() > 1) ? "," : "").append(quote(field.key())).append(':')
				.append(field.value().json());
		}
		return object.append('}').toString();
	}

	/**
	 * A JSON string of the text. Code points outside ASCII are printed as themselves, in UTF-8, but
	 * a lone surrogate, which UTF-8 cannot encode, as an escape.
	 */
	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.codePoints().forEach((c) -> {
			if (c == '"' || c == '\\') {
				quoted.append('\\').appendCodePoint(c);
			}
			else if (c < 0x20 || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		return quoted.append('"').toString();
	}

	/** A key and its value, in the order printed. */
	private record Field(String key, Value value) {
	}

	/**
	 * A JSON value as printed, with its text when it is a string.
	 * @param json the JSON text
	 * @param string the text of a JSON string, {@code null} for other values
	 * @param secret whether the string is a planted secret
	 */
	private record Value(String json, String string, boolean secret) {

		static Value raw(String json) {
			return new Value(json, null, false);
		}

		static Value string(String text) {
			return new Value(quote(text), text, false);
		}

		static Value secret(String text) {
			String marked = marked(text);
			return new Value(quote(marked), marked, true);
		}

		/** The text with {@link #SECRET_MARK} before any run of 11 characters would grow to 12. */
		private static String marked(String text) {
			StringBuilder marked = new StringBuilder();
			int run = 0;
			for (int c : text.codePoints().toArray()) {
				if (run + Character.charCount(c) > 11) {
					marked.append(SECRET_MARK);
					run = 0;
				}
				marked.appendCodePoint(c);
				run += Character.charCount(c);
			}
			return marked.toString();
		}

	}

}
