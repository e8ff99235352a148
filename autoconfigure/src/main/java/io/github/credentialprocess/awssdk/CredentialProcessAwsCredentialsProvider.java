package io.github.credentialprocess.awssdk;

import java.util.Objects;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An AWS SDK for Java v2 {@link AwsCredentialsProvider} backed by a
 * {@link CredentialProcessProvider}: session credentials when the process returns a token
 * (carrying its expiration and account id), basic credentials otherwise, named
 * {@value CredentialProcessProvider#PROVIDER_NAME} as the SDK names its own process credentials.
 * <p>
 * The SDK asks for credentials on every request; while the process credentials stay the same, the
 * same SDK object is returned, so the request path allocates nothing.
 */
public final class CredentialProcessAwsCredentialsProvider implements AwsCredentialsProvider {

	private final CredentialProcessProvider provider;

	private volatile Converted last;

	/**
	 * Creates an adapter.
	 * @param provider the provider to take credentials from
	 */
	public CredentialProcessAwsCredentialsProvider(CredentialProcessProvider provider) {
		this.provider = Objects.requireNonNull(provider, "provider");
	}

	@Override
	public AwsCredentials resolveCredentials() {
		ProcessCredentials credentials = this.provider.resolveCredentials();
		Converted converted = this.last;
		if (converted == null || converted.source() != credentials) {
			converted = new Converted(credentials, convert(credentials));
			this.last = converted;
		}
		return converted.sdkCredentials();
	}

	private static AwsCredentials convert(ProcessCredentials credentials) {
		if (credentials.sessionToken() != null) {
			return AwsSessionCredentials.builder()
				.accessKeyId(credentials.accessKeyId())
				.secretAccessKey(credentials.secretAccessKey())
				.sessionToken(credentials.sessionToken())
				.expirationTime(credentials.expiration().orElse(null))
				.accountId(credentials.accountId().orElse(null))
				.providerName(CredentialProcessProvider.PROVIDER_NAME)
				.build();
		}
		return AwsBasicCredentials.builder()
			.accessKeyId(credentials.accessKeyId())
			.secretAccessKey(credentials.secretAccessKey())
			.accountId(credentials.accountId().orElse(null))
			.providerName(CredentialProcessProvider.PROVIDER_NAME)
			.build();
	}

	@Override
	public String toString() {
		return "CredentialProcessAwsCredentialsProvider(" + CredentialProcessProvider.PROVIDER_NAME + ")";
	}

	/** The SDK object made for one set of process credentials. */
	private record Converted(ProcessCredentials source, AwsCredentials sdkCredentials) {

		@Override
		public String toString() {
			return "Converted[" + this.source + "]";
		}

	}

}
