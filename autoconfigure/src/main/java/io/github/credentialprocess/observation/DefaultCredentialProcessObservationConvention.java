package io.github.credentialprocess.observation;

import java.util.Locale;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and key values of a process run's observation:
 * <ul>
 * <li>name {@value #NAME}: the timer Micrometer makes of it keeps the name of the timer this
 * starter recorded before it used observations, and a span is named {@value #CONTEXTUAL_NAME};</li>
 * <li>low-cardinality key values, each from a fixed set: {@value #PROVIDER} ({@code default} or a
 * name under {@code aws.credential-process.providers}), {@code trigger} ({@code startup},
 * {@code scheduled}, {@code on-demand}, {@code manual}) from the start, and once the run has
 * finished {@code outcome} ({@code success}, {@code failure}, {@code cancelled}) and
 * {@value #ERROR_CODE} ({@code none} or the error code in lower case, such as {@code timeout}). The
 * error code is not called {@code error}: Micrometer's meter handler adds its own {@code error} tag
 * (the exception's class name, or {@code none}) after the convention's, which would replace it.</li>
 * </ul>
 * No key value carries a secret, an access key id or the command line; there are no
 * high-cardinality key values.
 */
public class DefaultCredentialProcessObservationConvention implements CredentialProcessObservationConvention {

	/** The observation's name, and so the name of its timer. */
	public static final String NAME = "aws.credential.process";

	/** The name of a span of a run. */
	public static final String CONTEXTUAL_NAME = "credential_process run";

	/** The key of the provider's name. */
	public static final String PROVIDER = "provider";

	/** The key of the error code. */
	public static final String ERROR_CODE = "error.code";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CredentialProcessRunContext context) {
		return CONTEXTUAL_NAME;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CredentialProcessRunContext context) {
		KeyValues trigger = KeyValues.of(KeyValue.of(PROVIDER, context.getProvider()),
				KeyValue.of("trigger", context.getTrigger().label()));
		return context.getRun().map((run) -> trigger.and(finished(run))).orElse(trigger);
	}

	private static KeyValues finished(Run run) {
		return KeyValues.of(KeyValue.of("outcome", run.outcome()), KeyValue.of(ERROR_CODE,
				run.error().map((code) -> code.name().toLowerCase(Locale.ROOT)).orElse("none")));
	}

}
