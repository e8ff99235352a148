package io.github.credentialprocess.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener.Run;
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
		return describe(this.provider.status());
	}

	/**
	 * Runs the process now (or joins the run in progress) and returns the resulting state; a failed
	 * run leaves the cached credentials in place and is reported by its error code. Within the
	 * provider's minimum refresh interval of the last run, or while a failed run's retry is not yet
	 * due, no process runs and the last run's outcome is returned ({@code "newRun": false}). A call
	 * that joined a run in progress says {@code "newRun": true}: the run happened during the call.
	 * @return the state after the run
	 */
	@WriteOperation
	public Map<String, Object> refresh() {
		Run before = this.provider.status().lastRun().orElse(null);
		Optional<CredentialProcessException> failure;
		try {
			this.provider.refresh();
			failure = Optional.empty();
		}
		catch (CredentialProcessException ex) {
			failure = Optional.of(ex);
		}
		CredentialProcessStatus status = this.provider.status();
		Map<String, Object> state = new LinkedHashMap<>();
		// Each run is a new object: an equal one from another run is still another run.
		state.put("newRun", status.lastRun().orElse(null) != before);
		failure.ifPresent((ex) -> state.put("refreshError", ex.code().name()));
		state.putAll(describe(status));
		return state;
	}

	private Map<String, Object> describe(CredentialProcessStatus status) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("valid", status.hasValidCredentials());
		state.putAll(status.toDetails());
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("command", status.command());
		configuration.putAll(new TreeMap<>(this.configuration));
		state.put("configuration", configuration);
		return state;
	}

}
