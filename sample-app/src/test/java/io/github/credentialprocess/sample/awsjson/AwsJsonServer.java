package io.github.credentialprocess.sample.awsjson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signature-checking stand-in for AWS Systems Manager Parameter Store and AWS Secrets Manager on
 * the loopback interface, for the config imports {@code aws-parameterstore:} and
 * {@code aws-secretsmanager:}, which have no emulator here. It speaks the AWS JSON 1.1 protocol
 * as the services do: a {@code POST} to {@code /} whose {@code X-Amz-Target} names the operation,
 * such as {@code AmazonSSM.GetParametersByPath}. Each request's signature is checked first
 * ({@link SigV4Verifier}); a refused request is answered with the services' error and its error
 * type is kept in {@link #rejections()}.
 */
public final class AwsJsonServer implements AutoCloseable {

	private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ParameterStoreService parameterStore = new ParameterStoreService();

	private final SecretsManagerService secretsManager = new SecretsManagerService();

	private final Map<String, AwsJsonService> services = Stream.of(this.parameterStore, this.secretsManager)
		.collect(Collectors.toUnmodifiableMap(AwsJsonService::targetPrefix, Function.identity()));

	private final List<String> rejections = new CopyOnWriteArrayList<>();

	private final SigV4Verifier verifier;

	private final HttpServer server;

	private AwsJsonServer(List<? extends AwsCredentialsIdentity> identities) throws IOException {
		this.verifier = new SigV4Verifier(identities);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
	}

	/**
	 * Starts a server on a free port of the loopback interface.
	 * @param identities the identities whose signatures it accepts; one with a session token
	 * ({@code AwsSessionCredentialsIdentity}) is accepted only with that token
	 * @return the started server
	 * @throws IOException when no port can be had
	 */
	public static AwsJsonServer start(AwsCredentialsIdentity... identities) throws IOException {
		AwsJsonServer server = new AwsJsonServer(List.of(identities));
		server.server.start();
		return server;
	}

	/**
	 * The endpoint of both services, for {@code endpointOverride} or
	 * {@code spring.cloud.aws.parameterstore.endpoint} and {@code spring.cloud.aws.secretsmanager.endpoint}.
	 * @return such as {@code http://127.0.0.1:41235}
	 */
	public URI endpoint() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * Parameter Store's parameters, to store some.
	 * @return the service
	 */
	public ParameterStoreService parameterStore() {
		return this.parameterStore;
	}

	/**
	 * Secrets Manager's secrets, to store some.
	 * @return the service
	 */
	public SecretsManagerService secretsManager() {
		return this.secretsManager;
	}

	/**
	 * The error type of every refused request so far, in order, such as
	 * {@code InvalidSignatureException}.
	 * @return the error types
	 */
	public List<String> rejections() {
		return List.copyOf(this.rejections);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			ReceivedRequest request = new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
			try {
				respond(exchange, 200, answer(request));
			}
			catch (AwsJsonError error) {
				this.rejections.add(error.type());
				respond(exchange, 400, error.body());
			}
			catch (RuntimeException ex) {
				// A fault of this server, shown as the services show theirs (and the SDK retries).
				respond(exchange, 500, new AwsJsonError("InternalFailure", ex.toString()).body());
			}
		}
	}

	private Map<String, Object> answer(ReceivedRequest request) {
		String target = request.header("X-Amz-Target").orElse("");
		int dot = target.indexOf('.');
		AwsJsonService service = (dot > 0) ? this.services.get(target.substring(0, dot)) : null;
		if (!"POST".equals(request.method()) || service == null) {
			throw AwsJsonService.unknownOperation(target);
		}
		this.verifier.verify(request, service.signingName());
		return service.answer(target.substring(dot + 1), parse(request.body()));
	}

	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new AwsJsonError("SerializationException", "The request body is not JSON.");
		}
	}

	private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
