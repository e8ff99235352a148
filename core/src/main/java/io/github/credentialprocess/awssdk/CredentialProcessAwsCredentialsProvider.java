package io.github.credentialprocess.awssdk;

import java.util.Objects;
import java.util.function.Function;

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
 * same SDK object is returned, so the request path allocates nothing. That object is kept by the
 * provider beside the credentials it was made from, and dropped with them when the provider stops.
 */
public final class CredentialProcessAwsCredentialsProvider implements AwsCredentialsProvider {

	/** One instance for every adapter, so that the provider's conversion slot is shared. */
	private static final Function<ProcessCredentials, AwsCredentials> TO_SDK_CREDENTIALS =
			CredentialProcessAwsCredentialsProvider::convert;

	private final CredentialProcessProvider provider;

	/**
	 * Creates an adapter.
	 * @param provider the provider to take credentials from
	 */
	public CredentialProcessAwsCredentialsProvider(CredentialProcessProvider provider) {
		this.provider = Objects.requireNonNull(provider, "provider");
	}

	@Override
	public AwsCredentials resolveCredentials() {
		return this.provider.resolveCredentialsAs(TO_SDK_CREDENTIALS);
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

}
