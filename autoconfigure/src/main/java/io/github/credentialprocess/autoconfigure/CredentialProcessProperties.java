package io.github.credentialprocess.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the credential process, under {@code aws.credential-process}: the default
 * provider's settings directly under it (set exactly one of {@code command}, {@code argv} or
 * {@code profile}; nothing is configured until one is set), named providers under
 * {@code providers}, and which provider each Spring Cloud AWS client type signs with under
 * {@code clients}.
 */
@ConfigurationProperties("aws.credential-process")
public class CredentialProcessProperties extends ProviderProperties {

	/**
	 * Whether to configure credential process providers at all.
	 */
	private boolean enabled = true;

	/**
	 * Named providers, each with every setting of the default provider. A name is a lower-case
	 * letter followed by lower-case letters and digits; each provider is a CredentialProcessProvider
	 * bean and an AwsCredentialsProvider bean injected with @Qualifier("<name>").
	 */
	private Map<String, ProviderProperties> providers = new LinkedHashMap<>();

	/**
	 * Provider each Spring Cloud AWS client type signs with, by client type (s3, sqs, sns, ses,
	 * dynamodb, cloudwatch, parameter-store, secrets-manager, app-config): 'default' or the name of
	 * a provider under providers.
	 */
	private Map<String, String> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, ProviderProperties> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, ProviderProperties> providers) {
		this.providers = providers;
	}

	public Map<String, String> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, String> clients) {
		this.clients = clients;
	}

}
