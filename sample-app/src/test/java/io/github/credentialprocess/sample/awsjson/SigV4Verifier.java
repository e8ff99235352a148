package io.github.credentialprocess.sample.awsjson;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's AWS Signature Version 4 the way AWS does: it signs the received request again
 * with the secret of the access key id named in its {@code Authorization} header, with the AWS
 * SDK's own signer, at the time of its {@code X-Amz-Date}, over the headers it signed and its
 * body, and compares the result with the {@code Authorization} it carries. The errors are those
 * of the real services. The time is not checked against the clock (AWS refuses a signature older
 * than 15 minutes): these tests sign and send at once.
 */
final class SigV4Verifier {

	/** The credential scope's date and service need no check of their own: the signature covers them. */
	private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 "
			+ "Credential=(?<accessKeyId>[^/,]+)/\\d{8}/(?<region>[^/,]+)/[^/,]+/aws4_request, ?"
			+ "SignedHeaders=(?<signedHeaders>[^,]+), ?Signature=[0-9a-f]{64}");

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String SECURITY_TOKEN = "X-Amz-Security-Token";

	private final Map<String, AwsCredentialsIdentity> identities;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	/**
	 * @param identities the identities the server knows; a session identity's token must come with
	 * every request of its access key id, while a request of an identity without one may carry any
	 */
	SigV4Verifier(List<? extends AwsCredentialsIdentity> identities) {
		this.identities = identities.stream()
			.collect(Collectors.toUnmodifiableMap(AwsCredentialsIdentity::accessKeyId, Function.identity()));
	}

	/**
	 * Checks the request's signature.
	 * @param request the request as received
	 * @param signingName the service name it must be signed for, such as {@code ssm}
	 * @throws AwsJsonError the error AWS answers when the check fails
	 */
	void verify(ReceivedRequest request, String signingName) {
		String authorization = request.header("Authorization")
			.orElseThrow(() -> new AwsJsonError("MissingAuthenticationTokenException", "Missing Authentication Token"));
		Matcher signature = AUTHORIZATION.matcher(authorization);
		if (!signature.matches()) {
			throw new AwsJsonError("IncompleteSignatureException", "Authorization header requires 'Credential', "
					+ "'Signature' and 'SignedHeaders' parameters of the AWS4-HMAC-SHA256 algorithm.");
		}
		Optional<String> token = request.header(SECURITY_TOKEN);
		AwsCredentialsIdentity identity = identity(signature.group("accessKeyId"), token);
		String expected = signAgain(request, identity, signingName, signature.group("region"),
				Arrays.asList(signature.group("signedHeaders").split(";")));
		if (!sameText(authorization, expected)) {
			throw new AwsJsonError("InvalidSignatureException", "The request signature we calculated does not match "
					+ "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
					+ "service documentation for details.");
		}
	}

	/** The known identity of the access key id, with the session token the request carries. */
	private AwsCredentialsIdentity identity(String accessKeyId, Optional<String> token) {
		AwsCredentialsIdentity known = this.identities.get(accessKeyId);
		if (known == null || !acceptsToken(known, token)) {
			throw new AwsJsonError("UnrecognizedClientException", "The security token included in the request is invalid.");
		}
		return token.<AwsCredentialsIdentity>map(
				(received) -> AwsSessionCredentialsIdentity.create(accessKeyId, known.secretAccessKey(), received))
			.orElse(known);
	}

	/**
	 * A session identity takes only its own token; one without a token takes any, since the demo
	 * helper prints a new one at every run.
	 */
	private static boolean acceptsToken(AwsCredentialsIdentity known, Optional<String> token) {
		if (!(known instanceof AwsSessionCredentialsIdentity session)) {
			return true;
		}
		return token.filter((received) -> sameText(received, session.sessionToken())).isPresent();
	}

	private static boolean sameText(String received, String expected) {
		return MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	private String signAgain(ReceivedRequest request, AwsCredentialsIdentity identity, String signingName,
			String region, List<String> signedHeaders) {
		Instant signedAt = request.header("X-Amz-Date").map(SigV4Verifier::parseAmzDate).orElseThrow(
				() -> new AwsJsonError("IncompleteSignatureException", "The request must contain the header X-Amz-Date."));
		String host = request.header("Host")
			.orElseThrow(() -> new AwsJsonError("IncompleteSignatureException", "The request must contain the header Host."));
		SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.fromValue(request.method()))
			.uri(URI.create("http://" + host + request.uri().getRawPath()
					+ ((request.uri().getRawQuery() != null) ? "?" + request.uri().getRawQuery() : "")));
		// Only what the client signed: its HTTP client may add headers of its own after signing.
		signedHeaders.forEach((name) -> Optional.ofNullable(request.headers().get(name))
			.ifPresent((values) -> unsigned.putHeader(name, values)));
		return this.signer
			.sign((sign) -> sign.identity(identity)
				.request(unsigned.build())
				.payload(ContentStreamProvider.fromByteArray(request.body()))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
				.putProperty(AwsV4HttpSigner.REGION_NAME, region)
				.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
			.request()
			.firstMatchingHeader("Authorization")
			.orElse("");
	}

	private static Instant parseAmzDate(String value) {
		try {
			return AMZ_DATE.parse(value, Instant::from);
		}
		catch (DateTimeParseException ex) {
			throw new AwsJsonError("IncompleteSignatureException", "X-Amz-Date must be in the ISO8601 basic format.");
		}
	}

}
