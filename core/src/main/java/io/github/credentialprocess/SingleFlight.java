package io.github.credentialprocess;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.credentialprocess.CredentialProcessListener.Trigger;

/**
 * Never two runs: every caller that needs the helper joins the one flight of the current
 * lifecycle generation, which runs on the provider's thread. A flight takes callers only while its
 * helper runs: it closes its boarding when the helper has ended, before its outcome is recorded,
 * told to the listeners or published, so a caller who can know that outcome (the last run in the
 * status, the credentials in the cache) never joins the flight that produced it. Such a caller
 * starts a flight of its own, which runs after that one and is told by the {@link RunGate}
 * whether the helper must run again. A manual refresh joins only a flight that runs the helper for
 * it (a manual one, or one the gate has let run the helper), never a queued read the gate would
 * answer from the cache. A flight of a past generation (the
 * provider stopped while it ran) is never joined: a caller starts a flight of its own, which runs
 * once the old one has ended. A caller waits for the flight's future, so one that is interrupted
 * stops waiting, with an error of its own and its interrupt kept, while the flight goes on for the
 * others. A call from the provider's own thread (a listener, from inside a run) that would have to
 * wait for a flight fails at once: that flight could never end.
 */
final class SingleFlight {

	/** What a flight does, on the provider's thread. */
	@FunctionalInterface
	interface Work {

		/**
		 * Flies the flight.
		 * @param trigger what asked for it
		 * @param generation the lifecycle generation it belongs to
		 * @param boarding told when the helper runs, and when it has ended, before anything makes its outcome
		 * known: from then on no caller joins this flight
		 * @return what the flight's callers get
		 */
		CachedCredentials fly(Trigger trigger, int generation, Boarding boarding);

	}

	/** What a flight tells about its helper, for who may join it. */
	interface Boarding {

		/** The gate lets the flight run the helper: a manual refresh may join it from now on. */
		void helperStarting();

		/** The helper has ended, before anything makes its outcome known: no caller joins from now on. */
		void close();

	}

	private final Lifecycle lifecycle;

	private final ProviderThread thread;

	private final Work work;

	private final String executableName;

	private final AtomicReference<Flight> current = new AtomicReference<>();

	SingleFlight(Lifecycle lifecycle, ProviderThread thread, Work work, String executableName) {
		this.lifecycle = lifecycle;
		this.thread = thread;
		this.work = work;
		this.executableName = executableName;
	}

	/**
	 * Joins the flight of the current generation, or starts one; does not wait.
	 * @return the flight's outcome; completes exceptionally with {@link ErrorCode#CANCELLED} when
	 * the provider closes first
	 */
	CompletableFuture<CachedCredentials> join(Trigger trigger) {
		while (true) {
			int generation = this.lifecycle.generation();
			Flight running = this.current.get();
			// A manual refresh joins only a flight that runs the helper for it: a manual one (the gate
			// judges it as one), or one whose helper the gate has let run. A queued read (judged as a
			// read: valid credentials, no run) is not joined but replaced; it still flies, after.
			if (running != null && running.generation() == generation
					&& (trigger != Trigger.MANUAL || running.trigger() == Trigger.MANUAL || running.runsHelper())) {
				return running.outcome();
			}
			Flight mine = new Flight(generation, trigger);
			if (!this.current.compareAndSet(running, mine)) {
				continue;
			}
			try {
				this.thread.execute(() -> fly(mine, trigger));
			}
			catch (RejectedExecutionException ex) {
				this.current.compareAndSet(mine, null);
				mine.outcome().completeExceptionally(this.lifecycle.cancelled());
			}
			return mine.outcome();
		}
	}

	/**
	 * Joins or starts the flight and waits for it.
	 * @throws CredentialProcessException the flight's failure; {@link ErrorCode#CANCELLED} when the
	 * caller is interrupted (its interrupt is kept)
	 * @throws IllegalStateException when called from the provider's own thread
	 */
	CachedCredentials await(Trigger trigger) {
		if (this.thread.isCurrentThread()) {
			throw new IllegalStateException("A CredentialProcessListener called the credential process provider "
					+ "from inside a run, where it cannot wait for a run: return from the listener first, or read "
					+ "the credentials on another thread");
		}
		CompletableFuture<CachedCredentials> outcome = join(trigger);
		try {
			return outcome.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CredentialProcessException(ErrorCode.CANCELLED, "Interrupted while waiting for credential "
					+ "process '" + this.executableName + "'; the run goes on for other callers");
		}
		catch (ExecutionException ex) {
			throw unwrap(ex.getCause());
		}
	}

	private void fly(Flight flight, Trigger trigger) {
		CachedCredentials result = null;
		Throwable failure = null;
		try {
			result = this.work.fly(trigger, flight.generation(), flight);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			// Whatever the flight published or not, it takes no caller once it has ended, and is cleared
			// before completing: a caller arriving from now on sees what it left, or starts its own.
			this.current.compareAndSet(flight, null);
		}
		if (failure == null) {
			flight.outcome().complete(result);
		}
		else {
			flight.outcome().completeExceptionally(failure);
		}
	}

	private static RuntimeException unwrap(Throwable cause) {
		Throwable thrown = (cause instanceof CompletionException) ? cause.getCause() : cause;
		if (thrown instanceof RuntimeException runtime) {
			return runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		return new CompletionException(thrown);
	}

	/** One flight: the generation it belongs to, what asked for it, its outcome, and who may still board. */
	private final class Flight implements Boarding {

		private final int generation;

		private final Trigger trigger;

		private final CompletableFuture<CachedCredentials> outcome = new CompletableFuture<>();

		private volatile boolean runsHelper;

		Flight(int generation, Trigger trigger) {
			this.generation = generation;
			this.trigger = trigger;
		}

		int generation() {
			return this.generation;
		}

		Trigger trigger() {
			return this.trigger;
		}

		CompletableFuture<CachedCredentials> outcome() {
			return this.outcome;
		}

		boolean runsHelper() {
			return this.runsHelper;
		}

		@Override
		public void helperStarting() {
			this.runsHelper = true;
		}

		@Override
		public void close() {
			SingleFlight.this.current.compareAndSet(this, null);
		}

	}

}
