package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's answers to a scheduled refresh, decided without a clock that moves. */
class RunGateTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final RunGate gate = new RunGate(new Lifecycle(null),
			new RefreshPolicy(Duration.ofMinutes(15), Duration.ofMinutes(5), 0, Duration.ofSeconds(25),
					Duration.ofMinutes(1), new FixedRandom(0)),
			0);

	@Test
	void scheduledRefreshOfValidCredentialsPastTheirRefreshTimeRunsTheHelper() {
		CachedCredentials due = entry(NOW.minusSeconds(1), NOW.plusSeconds(60));
		assertThat(this.gate.decide(Trigger.SCHEDULED, due, NOW.toEpochMilli())).isNull();
	}

	@Test
	void scheduledRefreshWaitsForTheRetryOfAFailureEvenWhenTheWallClockSaysTheRefreshIsDue() {
		// A wall clock stepped forward after the failure: the refresh time is past, the retry (on the
		// monotonic clock, 25 s) is not; a timer that wakes then must not run the helper.
		this.gate.failed(new CredentialProcessException(ErrorCode.EXECUTION, "exit 1"),
				new Run(Trigger.SCHEDULED, Duration.ofMillis(5), Optional.of(ErrorCode.EXECUTION), NOW));
		CachedCredentials due = entry(NOW.minusSeconds(1), NOW.plusSeconds(60));
		assertThat(this.gate.decide(Trigger.SCHEDULED, due, NOW.plusSeconds(60).toEpochMilli() - 1)).isSameAs(due);
	}

	@Test
	void aFailuresRetryIsAnnouncedAsTheWallClockAtTheFailurePlusItsDelay() {
		RunGate.RecentFailure failure = this.gate.failed(new CredentialProcessException(ErrorCode.EXECUTION, "exit 1"),
				new Run(Trigger.SCHEDULED, Duration.ofMillis(5), Optional.of(ErrorCode.EXECUTION), NOW));
		assertThat(failure.retryAt()).isEqualTo(NOW.plusSeconds(25));
	}

	private static CachedCredentials entry(Instant refreshAt, Instant expiresAt) {
		ProcessCredentials credentials = new ProcessCredentials("AKID", "SECRET", "TOKEN", Optional.of(expiresAt),
				Optional.empty(), Optional.empty(), NOW.minusSeconds(600));
		return new CachedCredentials(credentials, refreshAt.toEpochMilli(), expiresAt.toEpochMilli());
	}

}
