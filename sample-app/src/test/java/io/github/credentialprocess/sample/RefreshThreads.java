package io.github.credentialprocess.sample;

/**
 * The providers' refresh threads ({@code credential-process-refresh}), one per open provider:
 * none left alive means every provider was closed.
 */
final class RefreshThreads {

	private RefreshThreads() {
	}

	/**
	 * Whether no refresh thread is alive.
	 * @return {@code true} when every provider was closed
	 */
	static boolean noneLeft() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((thread) -> thread.isAlive() && thread.getName().equals("credential-process-refresh"));
	}

}
