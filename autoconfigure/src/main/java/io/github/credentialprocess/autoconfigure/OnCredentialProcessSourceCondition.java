package io.github.credentialprocess.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code aws.credential-process.command}, {@code argv} or {@code profile} is set,
 * even to a blank value: a blank value is a mistake to report, not a reason to stay silent.
 */
class OnCredentialProcessSourceCondition extends SpringBootCondition {

	static final String PREFIX = "aws.credential-process.";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		for (String name : List.of("command", "profile")) {
			if (binder.bind(PREFIX + name, Bindable.of(String.class)).isBound()
					|| context.getEnvironment().containsProperty(PREFIX + name)) {
				return ConditionOutcome.match(PREFIX + name + " is set");
			}
		}
		if (binder.bind(PREFIX + "argv", Bindable.listOf(String.class)).isBound()) {
			return ConditionOutcome.match(PREFIX + "argv is set");
		}
		return ConditionOutcome.noMatch("none of " + PREFIX + "command, argv or profile is set");
	}

}
