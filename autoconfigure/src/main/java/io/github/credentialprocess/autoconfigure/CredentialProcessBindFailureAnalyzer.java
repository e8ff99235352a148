package io.github.credentialprocess.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Analyses a value of {@code command}, {@code argv} or {@code environment} ({@link SensitiveProperties})
 * that cannot be bound, before Spring Boot's own analysis of a bind failure, which prints the value:
 * it names the property and where it was set, and says what shape the property takes, never
 * showing the value or the reason the conversion gave (which quotes the value).
 */
class CredentialProcessBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!SensitiveProperties.isSensitive(cause.getName())) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		String origin = (property != null && property.getOrigin() != null) ? " (set in " + property.getOrigin() + ")" : "";
		return new FailureAnalysis("Failed to bind the credential process property " + cause.getName() + origin + " to "
				+ cause.getTarget().getType() + ". Its value is not shown: it may hold a secret.",
				"Write command as one string, argv as a list of strings (argv[0] the program) and environment "
						+ "as a map of variables, one entry a variable (environment.NAME: value).",
				cause);
	}

}
