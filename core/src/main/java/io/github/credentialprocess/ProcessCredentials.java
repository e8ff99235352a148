package io.github.credentialprocess;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials returned by a credential process. {@link #toString()} is safe to log: it shows the
 * access key id masked to its last four characters and never the secret access key or the
 * session token.
 *
 * @param accessKeyId the {@code AccessKeyId}
 * @param secretAccessKey the {@code SecretAccessKey}
 * @param sessionToken the {@code SessionToken}, or {@code null} when the process returned none or
 * an empty one
 * @param expiration the {@code Expiration}, empty when the process returned none
 * @param accountId the {@code AccountId}, if returned
 * @param credentialScope the {@code CredentialScope}, if returned
 * @param fetchedAt when the process run that returned these credentials finished
 */
public record ProcessCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
		Optional<Instant> expiration, Optional<String> accountId, Optional<String> credentialScope,
		Instant fetchedAt) {

	private static final int VISIBLE_KEY_CHARACTERS = 4;

	/**
	 * Validates the components.
	 */
	public ProcessCredentials {
		Objects.requireNonNull(accessKeyId, "accessKeyId");
		Objects.requireNonNull(secretAccessKey, "secretAccessKey");
		Objects.requireNonNull(expiration, "expiration");
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(credentialScope, "credentialScope");
		Objects.requireNonNull(fetchedAt, "fetchedAt");
		if (sessionToken != null && sessionToken.isEmpty()) {
			sessionToken = null;
		}
	}

	/**
	 * The access key id with all but its last four characters replaced, for logs and health
	 * details.
	 * @return for example {@code ****MPLE}
	 */
	public String maskedAccessKeyId() {
		return mask(this.accessKeyId);
	}

	static String mask(String accessKeyId) {
		int visible = Math.min(VISIBLE_KEY_CHARACTERS, accessKeyId.length() / 2);
		return "****" + accessKeyId.substring(accessKeyId.length() - visible);
	}

	@Override
	public String toString() {
		return "ProcessCredentials[accessKeyId=" + maskedAccessKeyId() + ", secretAccessKey=****, sessionToken="
				+ ((this.sessionToken != null) ? "****" : "none") + ", expiration="
				+ this.expiration.map(Instant::toString).orElse("none") + ", accountId="
				+ this.accountId.orElse("none") + ", fetchedAt=" + this.fetchedAt + "]";
	}

}
