package io.github.credentialprocess.autoconfigure;

import io.github.credentialprocess.CredentialProcessListener;

/**
 * A {@link CredentialProcessListener} bean that records which provider an event came from (the
 * metrics and the observation tag it as {@code provider}): each provider is given the listener
 * {@link #forProvider(String)} returns for it instead of the bean itself. Other listener beans hear
 * every provider as they are.
 */
public interface ProviderScopedListener extends CredentialProcessListener {

	/**
	 * The listener of one provider's events.
	 * @param name the provider's name, {@value ProviderName#DEFAULT} for the default provider
	 * @return the listener to give that provider
	 */
	CredentialProcessListener forProvider(String name);

}
