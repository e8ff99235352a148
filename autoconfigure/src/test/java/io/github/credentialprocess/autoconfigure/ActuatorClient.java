package io.github.credentialprocess.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the actuator of an application under test over real HTTP, and keeps every response body
 * so that a test can check none of them leaks a secret. Public for the tests of every integration
 * package.
 */
public final class ActuatorClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final List<String> responses = new ArrayList<>();

	public ActuatorClient(int port) {
		this.base = "http://localhost:" + port + "/actuator";
	}

	public JsonNode get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build());
	}

	public JsonNode post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** Every response body received so far. */
	public List<String> responses() {
		return List.copyOf(this.responses);
	}

	private JsonNode send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			this.responses.add(response.body());
			assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
				.isBetween(200, 299);
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
