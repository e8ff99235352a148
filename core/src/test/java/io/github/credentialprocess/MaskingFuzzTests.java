package io.github.credentialprocess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Random secrets of the three AWS shapes, embedded in random text in each syntax a helper may print,
 * pushed past the line cut by random text before them, and, when the run knows them (as the previous
 * credentials, or from stdout), split at random line breaks: no output of the gate (the masked
 * text, every log line of the stderr log, the error tail) shows {@value Leaks#PIECE} characters of
 * one, nor the first sixteen characters of an access key id.
 * <p>
 * A coverage-guided fuzz target (Jazzer): a build replays the inputs checked in under
 * {@code MaskingFuzzTestsInputs} in the test resources; {@code CONTRIBUTING.md} says how to fuzz for
 * real. What no rule can recognise is left out on purpose: a secret nobody told the run of, split
 * by a line break or glued to other letters and digits, or a piece of one in the random text.
 */
class MaskingFuzzTests {

	private static final String[] KEY_PREFIXES = { "AKIA", "ASIA", "ABIA", "ACCA", "AROA", "A3TQ" };

	private static final String UPPER_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	/** How a helper may print a named secret; {@code %1$s} is the name, {@code %2$s} the value. */
	private static final String[] SYNTAXES = { "{\"%1$s\": \"%2$s\"}", "{'%1$s': '%2$s'}", "<%1$s>%2$s</%1$s>",
			"%1$s = %2$s", "export %1$s=%2$s", "%1$s: %2$s", "\"%1$s\" => \"%2$s\"", "{\\\"%1$s\\\":\\\"%2$s\\\"}",
			"%1$s='%2$s'", "got %2$s", "%2$s" };

	private static final String[] NAMES = { "SecretAccessKey", "SessionToken", "aws_secret_access_key",
			"AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_SECRET_KEY", "secret_access_key", "x-amz-security-token",
			"material" };

	@FuzzTest
	void awsShapedSecretsAreNeverShown(FuzzedDataProvider data) throws IOException {
		String keyId = KEY_PREFIXES[data.consumeInt(0, KEY_PREFIXES.length - 1)] + chars(data, UPPER_AND_DIGITS, 16);
		String secretKey = chars(data, BASE64, 40);
		String token = chars(data, BASE64, data.consumeInt(SecretShapes.TOKEN_LENGTH, 800));
		int knowledge = data.consumeInt(0, 2);
		boolean known = knowledge > 0;
		StringBuilder text = new StringBuilder();
		List<String> placed = new ArrayList<>();
		for (String secret : List.of(secretKey, token, keyId)) {
			String before = data.consumeString(data.consumeInt(0, 3000));
			String syntax = SYNTAXES[data.consumeInt(0, SYNTAXES.length - 1)];
			String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
			String value = known ? split(data, secret) : secret;
			// A delimiter on each side: a secret glued to other letters and digits has no shape.
			String written = String.format(syntax, name, value);
			placed.add(written);
			text.append(before).append(data.consumeBoolean() ? '\n' : ' ').append(written)
				.append(data.consumeBoolean() ? '\n' : ' ');
		}
		text.append(data.consumeRemainingAsString());
		if (knowledge == 0 && fillerHoldsAPieceOf(text.toString(), placed, secretKey, token, keyId)) {
			// The fuzzer learns the secrets from comparisons and writes pieces of them into the random
			// text: a piece of a secret nobody told the run of, glued to anything, has no shape.
			return;
		}
		Redactor redactor = redactor(knowledge, keyId, secretKey, token);
		List<String> shown = new ArrayList<>();
		shown.add(redactor.apply(text.toString()));
		byte[] stderr = text.toString().getBytes(StandardCharsets.UTF_8);
		try (LogCapture log = new LogCapture()) {
			StderrLog stderrLog = new StderrLog("helper", redactor);
			StderrTail tail = new StderrTail(new ByteArrayInputStream(stderr), stderrLog);
			while (tail.drainAvailable() > 0) {
				// Until all is read.
			}
			stderrLog.finish(false);
			shown.add(tail.text(redactor));
			shown.addAll(log.lines());
		}
		Leaks.assertNoneShown(shown, secretKey, token, keyId.substring(0, 16));
	}

	/** Whether the text, once the secrets placed in it are taken out, still holds a piece of one. */
	private static boolean fillerHoldsAPieceOf(String text, List<String> placed, String... secrets) {
		String filler = text;
		for (String written : placed) {
			filler = filler.replace(written, "\n");
		}
		for (String secret : secrets) {
			for (String piece : Leaks.pieces(secret)) {
				if (filler.contains(piece)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The run's gate: told of nothing, told of the previous credentials, or learning them from stdout. */
	private static Redactor redactor(int knowledge, String keyId, String secretKey, String token) {
		if (knowledge == 1) {
			return new Redactor(KnownSecrets.of(List.of(keyId, secretKey, token)));
		}
		Redactor redactor = new Redactor(KnownSecrets.NONE);
		if (knowledge == 2) {
			byte[] stdout = ("{\"Version\":1,\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\""
					+ secretKey.replace("/", "\\/") + "\",\"SessionToken\":\"" + token + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			redactor.learnPrinted(stdout, 0, stdout.length);
		}
		return redactor;
	}

	/** The secret with up to three line breaks at random places. */
	private static String split(FuzzedDataProvider data, String secret) {
		StringBuilder split = new StringBuilder(secret);
		int breaks = data.consumeInt(0, 3);
		for (int i = 0; i < breaks; i++) {
			split.insert(data.consumeInt(0, split.length()), '\n');
		}
		return split.toString();
	}

	private static String chars(FuzzedDataProvider data, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
		}
		return text.toString();
	}

}
