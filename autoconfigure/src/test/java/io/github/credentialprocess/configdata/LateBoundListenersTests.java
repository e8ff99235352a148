package io.github.credentialprocess.configdata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.ErrorCode;
import io.github.credentialprocess.autoconfigure.ProviderScopedListener;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider of a config import runs before any listener bean exists: what it did is passed on
 * once the beans exist, as finished runs, never as a start that a listener would time from the
 * replay.
 */
class LateBoundListenersTests {

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final LateBoundListeners late = new LateBoundListeners();

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	private final BootstrapListenersBinding binding = new BootstrapListenersBinding("default", this.late);

	LateBoundListenersTests() {
		this.beans.registerSingleton("recording", new CredentialProcessListener() {

			@Override
			public void onRunStarted(Trigger trigger) {
				LateBoundListenersTests.this.heard.add("started " + trigger.label());
			}

			@Override
			public void onRunFailed(CredentialProcessException failure) {
				LateBoundListenersTests.this.heard.add("failed " + failure.code());
			}

			@Override
			public void onRunFinished(Run run) {
				LateBoundListenersTests.this.heard.add("finished " + run.trigger().label());
			}

		});
		this.binding.setBeanFactory(this.beans);
	}

	@Test
	void runsHeardBeforeTheListenersExistArePassedOnAsFinishedRunsWithoutTheirStart() {
		this.late.onRunStarted(CredentialProcessListener.Trigger.ON_DEMAND);
		this.late.onRunFailed(new CredentialProcessException(ErrorCode.TIMEOUT, "timed out"));
		this.late.onRunFinished(run(CredentialProcessListener.Trigger.ON_DEMAND, Optional.of(ErrorCode.TIMEOUT)));
		assertThat(this.heard).isEmpty();
		this.binding.afterSingletonsInstantiated();
		assertThat(this.heard).containsExactly("failed TIMEOUT", "finished on-demand");
	}

	@Test
	void runsAfterTheListenersExistArePassedOnWhole() {
		this.binding.afterSingletonsInstantiated();
		this.late.onRunStarted(CredentialProcessListener.Trigger.MANUAL);
		this.late.onRunFinished(run(CredentialProcessListener.Trigger.MANUAL, Optional.empty()));
		assertThat(this.heard).containsExactly("started manual", "finished manual");
	}

	@Test
	void aNamedProviderHearsTheListenersScopedToItsName() {
		this.beans.registerSingleton("scoped", (ProviderScopedListener) (name) -> new CredentialProcessListener() {

			@Override
			public void onRunFinished(Run run) {
				LateBoundListenersTests.this.heard.add(name + " finished " + run.trigger().label());
			}

		});
		LateBoundListeners billing = new LateBoundListeners();
		BootstrapListenersBinding billingBinding = new BootstrapListenersBinding("billing", billing);
		billingBinding.setBeanFactory(this.beans);
		billingBinding.afterSingletonsInstantiated();
		billing.onRunFinished(run(CredentialProcessListener.Trigger.MANUAL, Optional.empty()));
		assertThat(this.heard).containsExactly("finished manual", "billing finished manual");
	}

	@Test
	void theBindingIsNoListenerThatOtherProvidersWouldBeGiven() {
		assertThat(this.binding).isNotInstanceOf(CredentialProcessListener.class);
	}

	private static CredentialProcessListener.Run run(CredentialProcessListener.Trigger trigger,
			Optional<ErrorCode> error) {
		return new CredentialProcessListener.Run(trigger, Duration.ofMillis(5), error, Instant.now());
	}

}
