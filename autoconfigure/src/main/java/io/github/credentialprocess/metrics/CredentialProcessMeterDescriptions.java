package io.github.credentialprocess.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives the meters Micrometer makes from each run's observation (timer {@value CredentialProcessMetrics#RUN_TIMER},
 * long-task timer {@value CredentialProcessMetrics#ACTIVE_RUNS}) a description, which the observation API has no
 * place for: Prometheus shows it as the meter's HELP text, the metrics endpoint as its description.
 */
final class CredentialProcessMeterDescriptions implements MeterFilter {

	private static final Map<String, String> DESCRIPTIONS = Map.of(CredentialProcessMetrics.RUN_TIMER,
			"Runs of the AWS credential process, by trigger, outcome and error code",
			CredentialProcessMetrics.ACTIVE_RUNS, "Runs of the AWS credential process in progress");

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = DESCRIPTIONS.get(id.getName());
		if (description == null || id.getDescription() != null) {
			return id;
		}
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
	}

}
