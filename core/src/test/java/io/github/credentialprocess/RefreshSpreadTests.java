package io.github.credentialprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet started together, or a helper that hands every instance the same cached role
 * credentials: many providers hold credentials with the same {@code Expiration}. With the default
 * jitter their refreshes spread over the expiry window instead of falling in the same second.
 */
class RefreshSpreadTests {

	private static final int FLEET = 200;

	@TempDir
	Path folder;

	@Test
	void refreshesOfTwoHundredProvidersWithIdenticalCredentialsSpreadOverAtLeastHalfTheWindow() {
		Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		Scripts scripts = new Scripts(this.folder);
		Path script = scripts.printingCredentialsExpiringAt(expiration);
		List<Instant> refreshes = new ArrayList<>();
		List<CredentialProcessProvider> fleet = new ArrayList<>();
		try {
			for (int i = 0; i < FLEET; i++) {
				CredentialProcessProvider provider = scripts.provider(script).build();
				fleet.add(provider);
				provider.resolveCredentials();
				refreshes.add(provider.status().nextRefresh().orElseThrow());
			}
		}
		finally {
			fleet.forEach(CredentialProcessProvider::close);
		}
		Duration window = CredentialProcessProvider.DEFAULT_EXPIRY_WINDOW;
		assertThat(refreshes).allSatisfy((at) -> assertThat(at).isBetween(expiration.minus(window),
				expiration.minus(window.multipliedBy(4).dividedBy(10))));
		Instant first = refreshes.stream().min(Instant::compareTo).orElseThrow();
		Instant last = refreshes.stream().max(Instant::compareTo).orElseThrow();
		Map<Long, Long> perSecond = refreshes.stream()
			.collect(Collectors.groupingBy(Instant::getEpochSecond, Collectors.counting()));
		long busiest = perSecond.values().stream().max(Long::compare).orElseThrow();
		System.out.printf("%d providers, identical credentials: refreshes spread over %d s of the %d s window, "
				+ "%d distinct seconds, busiest second %d (%.1f%%)%n", FLEET, Duration.between(first, last).toSeconds(),
				window.toSeconds(), perSecond.size(), busiest, 100.0 * busiest / FLEET);
		assertThat(Duration.between(first, last)).isGreaterThanOrEqualTo(window.dividedBy(2));
		assertThat(busiest).as("refreshes in the busiest second").isLessThanOrEqualTo(FLEET / 10);
	}

	@Test
	void withoutJitterEveryRefreshFallsTheWholeWindowBeforeTheExpiration() {
		Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		Scripts scripts = new Scripts(this.folder);
		Path script = scripts.printingCredentialsExpiringAt(expiration);
		for (int i = 0; i < 3; i++) {
			try (CredentialProcessProvider provider = scripts.provider(script).refreshJitter(0).build()) {
				provider.resolveCredentials();
				assertThat(provider.status().nextRefresh())
					.contains(expiration.minus(CredentialProcessProvider.DEFAULT_EXPIRY_WINDOW));
			}
		}
	}

	@Test
	void aSeededRandomSourceGivesTheSameRefreshTimes() {
		Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		Scripts scripts = new Scripts(this.folder);
		Path script = scripts.printingCredentialsExpiringAt(expiration);
		Function<Long, Optional<Instant>> refreshWithSeed = (seed) -> {
			try (CredentialProcessProvider provider = scripts.provider(script)
				.random(new java.util.Random(seed))
				.build()) {
				provider.resolveCredentials();
				return provider.status().nextRefresh();
			}
		};
		assertThat(refreshWithSeed.apply(42L)).isEqualTo(refreshWithSeed.apply(42L))
			.isNotEqualTo(refreshWithSeed.apply(43L));
	}

}
