package io.github.credentialprocess.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.CredentialProcessStatus;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Actuator endpoint {@code credentialprocess}: reads the provider's state and the configuration in
 * force, and forces a refresh. Not exposed over HTTP unless
 * {@code management.endpoints.web.exposure.include} names it. Never shows a secret or the
 * command's arguments.
 */
@Endpoint(id = "credentialprocess")
public class CredentialProcessEndpoint {

	private final CredentialProcessProvider provider;

	private final Map<String, Object> configuration;

	/**
	 * Creates the endpoint.
	 * @param provider the provider to report on and refresh
	 * @param configuration the settings in force, already free of secrets
	 */
	public CredentialProcessEndpoint(CredentialProcessProvider provider, Map<String, Object> configuration) {
		this.provider = provider;
		this.configuration = Map.copyOf(configuration);
	}

	/**
	 * The cached credentials' state, the last run and the configuration.
	 * @return the state
	 */
	@ReadOperation
	public Map<String, Object> state() {
		return describe(Optional.empty());
	}

	/**
	 * Runs the process now (or joins the run in progress) and returns the resulting state; a failed
	 * run leaves the cached credentials in place and is reported by its error code.
	 * @return the state after the run
	 */
	@WriteOperation
	public Map<String, Object> refresh() {
		try {
			this.provider.refresh();
			return describe(Optional.empty());
		}
		catch (CredentialProcessException ex) {
			return describe(Optional.of(ex));
		}
	}

	private Map<String, Object> describe(Optional<CredentialProcessException> refreshFailure) {
		CredentialProcessStatus status = this.provider.status();
		Map<String, Object> state = new LinkedHashMap<>();
		refreshFailure.ifPresent((failure) -> state.put("refreshError", failure.code().name()));
		state.put("valid", status.hasValidCredentials());
		state.putAll(status.toDetails());
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("command", status.command());
		configuration.putAll(new java.util.TreeMap<>(this.configuration));
		state.put("configuration", configuration);
		return state;
	}

}
