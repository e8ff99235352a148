package io.github.credentialprocess.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Warns at startup, once per key, about a key under {@code aws.credential-process} that is no
 * property of this starter ({@code timout: 5s}), naming the closest known one. Applies whatever else
 * is configured, so that a misspelt {@code command} is reported too; it never fails, so that a
 * configuration written for a newer starter still starts on an older one.
 */
@AutoConfiguration
public final class CredentialProcessUnknownPropertiesAutoConfiguration {

	CredentialProcessUnknownPropertiesAutoConfiguration() {
	}

	@Bean
	static UnknownPropertiesWarning credentialProcessUnknownPropertiesWarning(Environment environment) {
		return new UnknownPropertiesWarning(environment);
	}

}
