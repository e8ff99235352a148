package io.github.credentialprocess.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running sample application over HTTP, as a user's browser or curl would.
 */
final class SampleClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	SampleClient(int port) {
		this.base = "http://localhost:" + port;
	}

	record Response(int status, String body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	Response put(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	JsonNode json(Response response) {
		return this.json.readTree(response.body());
	}

	JsonNode health() {
		return json(get("/actuator/health")).path("components").path("credentialProcess");
	}

	double runCount() {
		JsonNode metric = json(get("/actuator/metrics/aws.credential.process"));
		return metric.path("measurements").path(0).path("value").asDouble();
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
