package io.github.credentialprocess;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Credentials returned by a credential process. {@link #toString()} is safe to log: it shows the
 * access key id masked to its last four characters and never the secret access key or the
 * session token. Jackson 2 and 3 write it the same way ({@code maskedAccessKeyId}, never the
 * secret, the token or the whole key id), so that a controller or a debug dump returning it leaks
 * nothing.
 *
 * @param accessKeyId the {@code AccessKeyId}
 * @param secretAccessKey the {@code SecretAccessKey}
 * @param sessionToken the {@code SessionToken}, or {@code null} when the process returned none or
 * an empty one
 * @param expiration the {@code Expiration}, empty when the process returned none
 * @param accountId the {@code AccountId}, if returned: 12 digits
 * @param credentialScope the {@code CredentialScope}, if returned
 * @param fetchedAt when the process run that returned these credentials finished
 */
public record ProcessCredentials(@JsonIgnore String accessKeyId, @JsonIgnore String secretAccessKey,
		@JsonIgnore String sessionToken,
		Optional<Instant> expiration, Optional<String> accountId, Optional<String> credentialScope,
		Instant fetchedAt) {

	private static final int VISIBLE_KEY_CHARACTERS = 4;

	private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

	/**
	 * Validates the components.
	 * @throws IllegalArgumentException when the account id is not 12 digits
	 */
	public ProcessCredentials {
		Objects.requireNonNull(accessKeyId, "accessKeyId");
		Objects.requireNonNull(secretAccessKey, "secretAccessKey");
		Objects.requireNonNull(expiration, "expiration");
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(credentialScope, "credentialScope");
		Objects.requireNonNull(fetchedAt, "fetchedAt");
		if (accountId.isPresent() && !isAccountId(accountId.get())) {
			throw new IllegalArgumentException("accountId must be 12 digits (was " + accountId.get().length()
					+ " characters)");
		}
		if (sessionToken != null && sessionToken.isEmpty()) {
			sessionToken = null;
		}
	}

	/**
	 * The access key id with all but its last four characters replaced, for logs and health
	 * details.
	 * @return for example {@code ****MPLE}
	 */
	@JsonProperty("maskedAccessKeyId")
	public String maskedAccessKeyId() {
		return mask(this.accessKeyId);
	}

	/** The last four characters (at most half of them), each a letter or a digit or else shown as {@code ?}. */
	static String mask(String accessKeyId) {
		int visible = Math.min(VISIBLE_KEY_CHARACTERS, accessKeyId.length() / 2);
		StringBuilder masked = new StringBuilder("****");
		accessKeyId.substring(accessKeyId.length() - visible)
			.chars()
			.forEach((c) -> masked.append((c < 128 && Character.isLetterOrDigit(c)) ? (char) c : '?'));
		return masked.toString();
	}

	static boolean isAccountId(String accountId) {
		return ACCOUNT_ID.matcher(accountId).matches();
	}

	@Override
	public String toString() {
		return "ProcessCredentials[accessKeyId=" + maskedAccessKeyId() + ", secretAccessKey=****, sessionToken="
				+ ((this.sessionToken != null) ? "****" : "none") + ", expiration="
				+ this.expiration.map(Instant::toString).orElse("none") + ", accountId="
				+ this.accountId.orElse("none") + ", fetchedAt=" + this.fetchedAt + "]";
	}

}
