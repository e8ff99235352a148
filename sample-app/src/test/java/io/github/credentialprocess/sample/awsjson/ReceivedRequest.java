package io.github.credentialprocess.sample.awsjson;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as it reached {@link AwsJsonServer}: what {@link SigV4Verifier} signs again and the
 * services answer.
 *
 * @param method the HTTP method
 * @param uri the request URI as sent (path and query, still encoded)
 * @param headers the headers, by case-insensitive name
 * @param body the body
 */
record ReceivedRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

	ReceivedRequest {
		Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		byName.putAll(headers);
		headers = byName;
	}

	Optional<String> header(String name) {
		List<String> values = this.headers.getOrDefault(name, List.of());
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/** Names the headers without their values: they hold the session token. */
	@Override
	public String toString() {
		return this.method + " " + this.uri + " with headers " + this.headers.keySet();
	}

}
