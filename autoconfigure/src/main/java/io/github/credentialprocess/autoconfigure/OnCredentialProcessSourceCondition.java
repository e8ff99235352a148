package io.github.credentialprocess.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the default provider names a source ({@code aws.credential-process.command},
 * {@code argv} or {@code profile} set to a non-empty value), or when a provider is configured under
 * {@code aws.credential-process.providers}. An empty value means "not set", so that a later
 * configuration layer can switch sources (Boot cannot unset a property); a value of spaces is still
 * a mistake to report.
 */
class OnCredentialProcessSourceCondition extends SpringBootCondition {

	static final String PREFIX = "aws.credential-process.";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (namesDefaultSource(context.getEnvironment())) {
			return ConditionOutcome.match("the default provider's command, argv or profile is set");
		}
		if (!Binder.get(context.getEnvironment())
			.bind(PREFIX + "providers", Bindable.mapOf(String.class, Object.class))
			.orElseGet(Map::of)
			.isEmpty()) {
			return ConditionOutcome.match(PREFIX + "providers is set");
		}
		return ConditionOutcome.noMatch("none of " + PREFIX + "command, argv, profile or providers is set");
	}

	static boolean namesDefaultSource(Environment environment) {
		Binder binder = Binder.get(environment);
		for (String name : List.of("command", "profile")) {
			if (CredentialProcessProviderFactory.isSet(binder.bind(PREFIX + name, Bindable.of(String.class)).orElse(null))) {
				return true;
			}
		}
		return CredentialProcessProviderFactory
			.isSet(binder.bind(PREFIX + "argv", Bindable.listOf(String.class)).orElse(List.of()));
	}

	/** Matches when the default provider names a source. */
	static class DefaultProvider extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return namesDefaultSource(context.getEnvironment())
					? ConditionOutcome.match("the default provider's command, argv or profile is set")
					: ConditionOutcome.noMatch("none of " + PREFIX + "command, argv or profile is set");
		}

	}

}
