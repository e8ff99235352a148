package io.github.credentialprocess.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and key values of the observation of a process run. Declare a bean of this type to
 * replace {@link DefaultCredentialProcessObservationConvention}, or extend that class to add key
 * values.
 */
public interface CredentialProcessObservationConvention extends ObservationConvention<CredentialProcessRunContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CredentialProcessRunContext;
	}

}
