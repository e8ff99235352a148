package io.github.credentialprocess.sample;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials that live about 10 s, refreshed 5 s before they expire, under a steady load of S3
 * calls from several threads: no request fails across the rotations, and the session token the
 * server receives changes.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aws.credential-process.environment.DEMO_LIFETIME_SECONDS=10",
				"aws.credential-process.expiry-window=5s" })
class CredentialRotationTests {

	private static final int THREADS = 4;

	@LocalServerPort
	int port;

	@Autowired
	AwsCredentialsProvider credentialsProvider;

	@Autowired
	EmbeddedS3Server embeddedServer;

	@Test
	void s3CallsNeverFailAcrossThreeRefreshCycles() throws Exception {
		SampleClient client = new SampleClient(this.port);
		assertThat(client.put("/buckets/load", "").ok()).isTrue();
		double runsAtStart = client.runCount();
		Set<String> tokensOnTheWire = ConcurrentHashMap.newKeySet();
		List<String> failures = new CopyOnWriteArrayList<>();
		AtomicInteger requests = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS + 1);
		try (S3Client recordingClient = recordingS3Client(tokensOnTheWire)) {
			List<Future<?>> workers = new java.util.ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				String key = "object-" + thread;
				workers.add(executor.submit(() -> {
					while (!stop.get()) {
						SampleClient.Response put = client.put("/buckets/load/objects/" + key, "payload");
						SampleClient.Response get = client.get("/buckets/load/objects/" + key);
						requests.addAndGet(2);
						if (!put.ok() || !get.ok()) {
							failures.add(put.status() + " " + put.body() + " / " + get.status() + " " + get.body());
						}
					}
				}));
			}
			workers.add(executor.submit(() -> {
				while (!stop.get()) {
					recordingClient.listObjectsV2((request) -> request.bucket("load"));
					requests.incrementAndGet();
				}
			}));
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> client.runCount() >= runsAtStart + 3 && tokensOnTheWire.size() >= 3);
			stop.set(true);
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		System.out.printf("Rotation under load: %d requests, %d failed, %.0f process runs, %d distinct tokens%n",
				requests.get(), failures.size(), client.runCount(), tokensOnTheWire.size());
		assertThat(failures).isEmpty();
		assertThat(requests.get()).isPositive();
		assertThat(tokensOnTheWire).hasSizeGreaterThanOrEqualTo(3);
	}

	/** An S3 client like the application's, which also records the session token of every request it sends. */
	private S3Client recordingS3Client(Set<String> tokens) {
		ExecutionInterceptor recorder = new ExecutionInterceptor() {
			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				context.httpRequest().firstMatchingHeader("X-Amz-Security-Token").ifPresent(tokens::add);
			}
		};
		return S3Client.builder()
			.credentialsProvider(this.credentialsProvider)
			.region(Region.US_EAST_1)
			.endpointOverride(this.embeddedServer.endpoint())
			.forcePathStyle(true)
			.overrideConfiguration((configuration) -> configuration.addExecutionInterceptor(recorder))
			.build();
	}

}
