package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessListener.Run;

/**
 * A point-in-time view of a {@link CredentialProcessProvider}, for health checks, metrics and
 * operators. It holds no secret: the access key id is already masked.
 *
 * @param checkedAt when this view was taken
 * @param command the command, as its executable name with the arguments redacted
 * @param maskedAccessKeyId the cached access key id masked to its last four characters, if any
 * @param fetchedAt when the cached credentials were fetched, if any
 * @param expiration when the cached credentials expire (their {@code Expiration}, or
 * {@code fetchedAt + duration} when they carry none), if any
 * @param lastRun the most recent process run, if any has finished
 * @param consecutiveFailures how many runs in a row have failed
 * @param nextRefresh when the next scheduled refresh will run, if one is scheduled
 */
public record CredentialProcessStatus(Instant checkedAt, String command, Optional<String> maskedAccessKeyId,
		Optional<Instant> fetchedAt, Optional<Instant> expiration, Optional<Run> lastRun, int consecutiveFailures,
		Optional<Instant> nextRefresh) {

	/**
	 * Whether valid credentials are cached at {@link #checkedAt()}.
	 * @return {@code true} when credentials are cached and have not expired
	 */
	public boolean hasValidCredentials() {
		return this.expiration.filter(this.checkedAt::isBefore).isPresent();
	}

	/**
	 * How long the cached credentials remain valid.
	 * @return the time left, empty when no valid credentials are cached
	 */
	public Optional<Duration> expiresIn() {
		return hasValidCredentials() ? this.expiration.map((at) -> Duration.between(this.checkedAt, at)) : Optional.empty();
	}

	/**
	 * This view as display-ready values (ISO-8601 text for instants and durations), the form in
	 * which health and the actuator endpoint show it. Absent values are left out.
	 * @return the details, in a stable order
	 */
	public Map<String, Object> toDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		this.expiration.ifPresent((at) -> details.put("expiration", at.toString()));
		expiresIn().ifPresent((left) -> details.put("expiresIn", left.withNanos(0).toString()));
		this.fetchedAt.ifPresent((at) -> details.put("fetchedAt", at.toString()));
		this.maskedAccessKeyId.ifPresent((key) -> details.put("accessKeyId", key));
		this.lastRun.ifPresent((run) -> {
			Map<String, Object> last = new LinkedHashMap<>();
			last.put("outcome", run.outcome());
			last.put("trigger", run.trigger().label());
			last.put("duration", run.duration().toString());
			last.put("error", run.error().map(Enum::name).orElse("none"));
			last.put("finishedAt", run.finishedAt().toString());
			details.put("lastRun", last);
		});
		details.put("consecutiveFailures", this.consecutiveFailures);
		this.nextRefresh.ifPresent((at) -> details.put("nextRefresh", at.toString()));
		return details;
	}

}
