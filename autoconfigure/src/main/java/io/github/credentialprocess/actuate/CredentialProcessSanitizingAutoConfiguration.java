package io.github.credentialprocess.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Marks {@code aws.credential-process.command}, {@code argv} and {@code environment} as sensitive,
 * in every spelling that binds to them, so that {@code /actuator/env} and
 * {@code /actuator/configprops} mask them even with {@code show-values: always}: a command line can
 * hold a passphrase, an argument a password.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CredentialProcessSanitizingAutoConfiguration {

	CredentialProcessSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "credentialProcessSanitizingFunction")
	SanitizingFunction credentialProcessSanitizingFunction() {
		return new CredentialProcessSanitizingFunction();
	}

}
