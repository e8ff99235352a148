package io.github.credentialprocess.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code aws.credential-process.command}, {@code argv} or {@code profile} is set to
 * a non-empty value. An empty value means "not set", so that a later configuration layer can
 * switch sources (Boot cannot unset a property); a value of spaces is still a mistake to report.
 */
class OnCredentialProcessSourceCondition extends SpringBootCondition {

	static final String PREFIX = "aws.credential-process.";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		for (String name : List.of("command", "profile")) {
			if (CredentialProcessProviderFactory.isSet(binder.bind(PREFIX + name, Bindable.of(String.class)).orElse(null))) {
				return ConditionOutcome.match(PREFIX + name + " is set");
			}
		}
		if (CredentialProcessProviderFactory
			.isSet(binder.bind(PREFIX + "argv", Bindable.listOf(String.class)).orElse(List.of()))) {
			return ConditionOutcome.match(PREFIX + "argv is set");
		}
		return ConditionOutcome.noMatch("none of " + PREFIX + "command, argv or profile is set");
	}

}
