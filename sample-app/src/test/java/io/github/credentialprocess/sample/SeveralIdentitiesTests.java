package io.github.credentialprocess.sample;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.awspring.cloud.s3.S3Template;
import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ErrorCode;
import io.github.credentialprocess.ProcessCredentials;
import io.github.credentialprocess.autoconfigure.CredentialProcessProviders;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.sample.IdentityHelpers.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Three AWS identities in one running application, end to end: the default provider and the named
 * providers {@code storage} and {@code audit}, each running its own helper, which prints its own key
 * pair ({@code several-identities.yml}). The embedded S3 server, which checks every signature, knows
 * only {@code storage}, the identity {@code aws.credential-process.clients.s3} maps Spring Cloud
 * AWS's S3 clients to: a request signed as anyone else is refused. Health, metrics and the
 * {@code credentialprocess} endpoint are read over HTTP, as an operator reads them.
 */
class SeveralIdentitiesTests {

	private static final Identity DEFAULT = new Identity("default", "AKIAEXAMPLE00000DFLT",
			"default-secret-access-key-unknown-to-s3");

	private static final Identity STORAGE = new Identity("storage", "AKIAEXAMPLE00000STOR",
			"storage-secret-access-key-known-to-s3");

	private static final Identity AUDIT = new Identity("audit", "AKIAEXAMPLE00000AUDT",
			"audit-secret-access-key-unknown-to-s3");

	private static final List<Identity> IDENTITIES = List.of(DEFAULT, STORAGE, AUDIT);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static EmbeddedS3Server s3;

	@TempDir
	Path folder;

	private IdentityHelpers helpers;

	@BeforeAll
	static void startS3ThatKnowsOnlyStorage() throws Exception {
		s3 = new EmbeddedS3Server(STORAGE.accessKeyId(), STORAGE.secretAccessKey());
	}

	@AfterAll
	static void stopS3() throws Exception {
		s3.destroy();
	}

	@BeforeEach
	void writeTheHelpers() {
		this.helpers = new IdentityHelpers(this.folder, IDENTITIES);
	}

	@Test
	void springCloudAwsS3ClientSignsAsTheProviderMappedUnderClientsS3() {
		try (ConfigurableApplicationContext context = start()) {
			S3Client s3Client = context.getBean(S3Client.class);
			assertThat(((AwsServiceClientConfiguration) s3Client.serviceClientConfiguration()).credentialsProvider())
				.as("credentials of Spring Cloud AWS's S3Client, expected: the storage provider's")
				.isSameAs(context.getBean(ProviderName.awsCredentialsProviderBean(STORAGE.name())));
			s3Client.createBucket((bucket) -> bucket.bucket("stored-as-storage"));
			assertThat(s3Client.listBuckets().buckets()).extracting(Bucket::name).contains("stored-as-storage");
		}
	}

	@Test
	void presignedUrlsOfS3TemplateAreSignedAsTheProviderMappedUnderClientsS3() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			context.getBean(S3Client.class).createBucket((bucket) -> bucket.bucket("presigned"));
			S3Template template = context.getBean(S3Template.class);
			template.store("presigned", "note.txt", "hello");
			// Spring Cloud AWS builds its S3Presigner without the S3ClientCustomizer.
			URL url = template.createSignedGetURL("presigned", "note.txt", Duration.ofMinutes(5));
			assertThat(url.getQuery()).contains("X-Amz-Credential=" + STORAGE.accessKeyId() + "%2F");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void clientsSigningAsTheDefaultProviderOrAuditAreRefusedWhereStorageIsLetIn() {
		try (ConfigurableApplicationContext context = start()) {
			Signers signers = context.getBean(Signers.class);
			// The same client, built the same way, is let in as storage: only the identity differs.
			assertThat(refusalOfListBucketsSignedWith(signers.storage())).isEmpty();
			assertThat(refusalOfListBucketsSignedWith(signers.byDefault())).contains("403 InvalidAccessKeyId");
			assertThat(refusalOfListBucketsSignedWith(signers.audit())).contains("403 InvalidAccessKeyId");
		}
	}

	@Test
	void healthHasOneComponentPerProviderEachUpOnceItsHelperHasRun() {
		try (ConfigurableApplicationContext context = start()) {
			SampleClient client = client(context);
			await().atMost(WAIT).untilAsserted(() -> {
				JsonNode components = client.health().path("components");
				assertThat(components.propertyNames()).containsExactlyInAnyOrder("default", "storage", "audit");
				assertThat(components.valueStream().map((component) -> component.path("status").asString()))
					.containsOnly("UP");
			});
		}
	}

	@Test
	void runTimerIsTaggedWithTheNameOfEachProvider() {
		try (ConfigurableApplicationContext context = start()) {
			SampleClient client = client(context);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(tagValues(client, "aws.credential.process", "provider"))
					.containsExactlyInAnyOrder("default", "storage", "audit"));
		}
	}

	@Test
	void endpointListsEveryProviderAndRefreshesOnlyTheOneNamed() {
		try (ConfigurableApplicationContext context = start()) {
			SampleClient client = client(context);
			await().atMost(WAIT).until(() -> client.json(client.get("/actuator/credentialprocess"))
				.path("providers")
				.valueStream()
				.filter((provider) -> provider.path("valid").asBoolean())
				.count() == IDENTITIES.size());
			JsonNode providers = client.json(client.get("/actuator/credentialprocess")).path("providers");
			assertThat(providers.propertyNames()).containsExactlyInAnyOrder("default", "storage", "audit");
			IDENTITIES.forEach((identity) -> assertThat(providers.path(identity.name()).path("accessKeyId").asString())
				.as("masked access key id of %s", identity.name())
				.isEqualTo(masked(identity)));
			IDENTITIES.forEach((identity) -> assertThat(this.helpers.runs(identity)).as("runs of %s", identity.name())
				.isEqualTo(1));

			SampleClient.Response refresh = client.post("/actuator/credentialprocess/audit");

			assertThat(refresh.status()).isEqualTo(200);
			assertThat(client.json(refresh).path("newRun").asBoolean()).isTrue();
			assertThat(client.json(refresh).path("accessKeyId").asString()).isEqualTo(masked(AUDIT));
			assertThat(this.helpers.runs(AUDIT)).isEqualTo(2);
			assertThat(this.helpers.runs(DEFAULT)).isEqualTo(1);
			assertThat(this.helpers.runs(STORAGE)).isEqualTo(1);
			assertThat(client.post("/actuator/credentialprocess/nobody").status()).isEqualTo(404);
		}
	}

	@Test
	void contextStopStopsEveryProviderAndKillsTheHelperThatHangs() {
		try (ConfigurableApplicationContext context = start()) {
			Map<String, CredentialProcessProvider> providers = CredentialProcessProviders.of(context);
			await().atMost(WAIT)
				.until(() -> providers.values().stream().allMatch((each) -> each.status().hasValidCredentials()));
			this.helpers.hangFromTheNextRun(AUDIT);
			CompletableFuture<ProcessCredentials> hangingRefresh = CompletableFuture
				.supplyAsync(providers.get(AUDIT.name())::refresh);
			ProcessHandle helper = await().atMost(WAIT)
				.until(() -> this.helpers.pid(AUDIT).flatMap(ProcessHandle::of), Optional::isPresent)
				.get();
			// Hanging: its sleep has started.
			await().atMost(WAIT).until(() -> helper.children().findAny().isPresent());
			List<ProcessHandle> tree = Stream.concat(Stream.of(helper), helper.descendants()).toList();

			context.stop();

			await().atMost(WAIT).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
			assertThat(hangingRefresh).failsWithin(WAIT)
				.withThrowableThat()
				.havingCause()
				.isInstanceOfSatisfying(CredentialProcessException.class,
						(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED));
			providers.forEach((name, provider) -> {
				assertThat(provider.status().maskedAccessKeyId()).as("cached access key id of %s", name).isEmpty();
				assertThat(provider.status().nextRefresh()).as("next refresh of %s", name).isEmpty();
				assertThatExceptionOfType(CredentialProcessException.class).as("refresh of stopped %s", name)
					.isThrownBy(provider::refresh)
					.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED));
			});
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SeveralIdentitiesApplication.class)
			.properties("spring.config.name=several-identities", "test.helpers=" + this.helpers.folder(),
					"test.s3-endpoint=" + s3.endpoint())
			.run();
	}

	private static SampleClient client(ConfigurableApplicationContext context) {
		return new SampleClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	/** The HTTP status and error code with which the embedded S3 server refuses a request so signed, if it does. */
	private static Optional<String> refusalOfListBucketsSignedWith(AwsCredentialsProvider credentials) {
		try (S3Client client = S3Client.builder()
			.credentialsProvider(credentials)
			.region(Region.US_EAST_1)
			.endpointOverride(s3.endpoint())
			.forcePathStyle(true)
			.build()) {
			client.listBuckets();
			return Optional.empty();
		}
		catch (S3Exception ex) {
			return Optional.of(ex.statusCode() + " " + ex.awsErrorDetails().errorCode());
		}
	}

	private static List<String> tagValues(SampleClient client, String meter, String tag) {
		return client.json(client.get("/actuator/metrics/" + meter))
			.path("availableTags")
			.valueStream()
			.filter((available) -> available.path("tag").asString().equals(tag))
			.flatMap((available) -> available.path("values").valueStream())
			.map(JsonNode::asString)
			.toList();
	}

	private static String masked(Identity identity) {
		return "****" + identity.accessKeyId().substring(identity.accessKeyId().length() - 4);
	}

	/** The credentials of each provider, injected as an application's own beans inject them. */
	record Signers(AwsCredentialsProvider byDefault, AwsCredentialsProvider storage, AwsCredentialsProvider audit) {

	}

	/**
	 * An application of auto-configuration (the starter, Spring Cloud AWS, actuator, the web server)
	 * and one bean of its own. Not a {@code @SpringBootConfiguration}, so that the sample's own tests
	 * still find theirs.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SeveralIdentitiesApplication {

		@Bean
		Signers signers(AwsCredentialsProvider byDefault, @Qualifier("storage") AwsCredentialsProvider storage,
				@Qualifier("audit") AwsCredentialsProvider audit) {
			return new Signers(byDefault, storage, audit);
		}

	}

}
