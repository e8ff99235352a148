package io.github.credentialprocess.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A web application whose AWS credentials come from a credential process: the starter configures
 * everything from {@code application.yml}; this application only builds an S3 client and uses it.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleS3Properties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
