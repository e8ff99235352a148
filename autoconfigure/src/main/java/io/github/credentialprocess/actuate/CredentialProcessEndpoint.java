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
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Actuator endpoint {@code credentialprocess}: reads the providers' state and the configuration in
 * force, and forces a refresh. {@code GET} shows the default provider's state at the top level, as
 * it did before there were named providers, and every provider's under {@code providers}, the
 * default one as {@code default}; {@code POST} refreshes the default provider and
 * {@code POST /actuator/credentialprocess/<name>} the one named. Not exposed over HTTP unless
 * {@code management.endpoints.web.exposure.include} names it. Never shows a secret or the
 * command's arguments.
 */
@Endpoint(id = "credentialprocess")
public class CredentialProcessEndpoint {

	private static final String DEFAULT = "default";

	private final Map<String, CredentialProcessProvider> providers;

	private final Map<String, Map<String, Object>> configurations;

	/**
	 * Creates the endpoint of the default provider only.
	 * @param provider the provider to report on and refresh
	 * @param configuration the settings in force, already free of secrets
	 */
	public CredentialProcessEndpoint(CredentialProcessProvider provider, Map<String, Object> configuration) {
		this(Map.of(DEFAULT, provider), Map.of(DEFAULT, configuration));
	}

	/**
	 * Creates the endpoint of several providers.
	 * @param providers the providers to report on and refresh, by name, the default one as
	 * {@code default}
	 * @param configurations each provider's settings in force, already free of secrets, by name
	 */
	public CredentialProcessEndpoint(Map<String, CredentialProcessProvider> providers,
			Map<String, Map<String, Object>> configurations) {
		this.providers = new LinkedHashMap<>(providers);
		this.configurations = new LinkedHashMap<>();
		configurations.forEach((name, configuration) -> this.configurations.put(name, Map.copyOf(configuration)));
	}

	/**
	 * The cached credentials' state, the last run and the configuration, of the default provider at
	 * the top level and of every provider under {@code providers}.
	 * @return the state
	 */
	@ReadOperation
	public Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		CredentialProcessProvider defaultProvider = this.providers.get(DEFAULT);
		if (defaultProvider != null) {
			state.putAll(describe(DEFAULT, defaultProvider.status()));
		}
		Map<String, Object> all = new LinkedHashMap<>();
		this.providers.forEach((name, provider) -> all.put(name, describe(name, provider.status())));
		state.put("providers", all);
		return state;
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
		return refreshProvider(DEFAULT);
	}

	/**
	 * As {@link #refresh()}, for the provider of that name, with its own minimum refresh interval
	 * and back-off. Over HTTP, {@code POST /actuator/credentialprocess/{name}}; over JMX, the
	 * operation {@code refreshProvider} (a name of its own: JMX tells operations apart by name).
	 * @param name the provider's name, {@code default} for the default provider
	 * @return the state after the run, or {@code null} when there is no such provider (over HTTP,
	 * {@link CredentialProcessWebEndpointExtension} answers 404)
	 */
	@WriteOperation
	public Map<String, Object> refreshProvider(@Selector String name) {
		CredentialProcessProvider provider = this.providers.get(name);
		if (provider == null) {
			return null;
		}
		Run before = provider.status().lastRun().orElse(null);
		Optional<CredentialProcessException> failure;
		try {
			provider.refresh();
			failure = Optional.empty();
		}
		catch (CredentialProcessException ex) {
			failure = Optional.of(ex);
		}
		CredentialProcessStatus status = provider.status();
		Map<String, Object> state = new LinkedHashMap<>();
		// Each run is a new object: an equal one from another run is still another run.
		state.put("newRun", status.lastRun().orElse(null) != before);
		failure.ifPresent((ex) -> state.put("refreshError", ex.code().name()));
		state.putAll(describe(name, status));
		return state;
	}

	private Map<String, Object> describe(String name, CredentialProcessStatus status) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("valid", status.hasValidCredentials());
		state.putAll(status.toDetails());
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("command", status.command());
		configuration.putAll(new TreeMap<>(this.configurations.getOrDefault(name, Map.of())));
		state.put("configuration", configuration);
		return state;
	}

}
