package io.github.credentialprocess.sample;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as shipped: the demo credential process signs requests to the embedded,
 * signature-checking S3 server.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void bucketAndObjectCallsSucceedWithTheProcessCredentials() {
		SampleClient client = new SampleClient(this.port);
		assertThat(client.put("/buckets/photos", "").ok()).isTrue();
		assertThat(client.put("/buckets/photos/objects/cat.txt", "meow").ok()).isTrue();
		assertThat(client.put("/buckets/photos/objects/dog.txt", "woof").ok()).isTrue();
		assertThat(client.get("/buckets/photos/objects/cat.txt").body()).isEqualTo("meow");
		assertThat(client.json(client.get("/buckets/photos/objects")).valueStream().map((key) -> key.asString()))
			.containsExactly("cat.txt", "dog.txt");
	}

	@Test
	void credentialStateIsShownWithoutSecrets() {
		SampleClient client = new SampleClient(this.port);
		SampleClient.Response credentials = client.get("/credentials");
		assertThat(client.json(credentials).path("accessKeyId").asString()).isEqualTo("****0001");
		assertThat(client.json(credentials).has("nextRefresh")).isTrue();
		assertThat(credentials.body()).doesNotContain("demo-secret-access-key-for-the-embedded-s3")
			.doesNotContain("demo-token-");
		assertThat(client.health().path("status").asString()).isEqualTo("UP");
	}

	@Test
	void embeddedS3ServerLogsOnlyWarningsSoThatTheFirstScreenIsTheApplications() {
		// S3Proxy shades Jetty under its own package: one logger level covers both.
		assertThat(LoggerFactory.getLogger("org.gaul.s3proxy.CrossOriginResourceSharing").isInfoEnabled()).isFalse();
		assertThat(LoggerFactory.getLogger("org.gaul.s3proxy.org.eclipse.jetty.server.Server").isInfoEnabled()).isFalse();
		assertThat(LoggerFactory.getLogger("org.gaul.s3proxy").isWarnEnabled()).isTrue();
	}

}
