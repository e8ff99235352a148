package io.github.credentialprocess.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code credentialprocess} endpoint over HTTP: {@code POST /actuator/credentialprocess/{name}}
 * for a name that is not a configured provider answers {@code 404 Not Found}. The actuator answers
 * {@code 204 No Content} when a write operation returns nothing, and only a web extension can say
 * "not found".
 */
@EndpointWebExtension(endpoint = CredentialProcessEndpoint.class)
public class CredentialProcessWebEndpointExtension {

	private final CredentialProcessEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint it extends
	 */
	public CredentialProcessWebEndpointExtension(CredentialProcessEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * As {@link CredentialProcessEndpoint#refreshProvider(String)}, with {@code 404} for an unknown name.
	 * @param name the provider's name, {@code default} for the default provider
	 * @return the state after the run, or {@code 404}
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> refreshProvider(@Selector String name) {
		Map<String, Object> state = this.endpoint.refreshProvider(name);
		return (state != null) ? new WebEndpointResponse<>(state)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
