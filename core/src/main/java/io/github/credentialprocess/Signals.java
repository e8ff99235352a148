package io.github.credentialprocess;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code SIGSTOP} to processes, and {@code SIGSTOP} or {@code SIGKILL} to a process group, for
 * {@link ProcessTree} to freeze a tree before it kills it.
 * <ul>
 * <li>On Java 22 and newer, on Linux, when the application lets this code call native functions
 * ({@code --enable-native-access=ALL-UNNAMED}, or the module's name): through {@code kill(2)} with
 * the Foreign Function and Memory API, without starting a process. The API is reached by
 * reflection, so the same class runs on Java 17; the JVM is asked first
 * ({@code Module.isNativeAccessEnabled()}), so that it never prints its warning about a restricted
 * method.</li>
 * <li>Elsewhere: by running {@value #KILL}, by its fixed path (one found on the {@code PATH} could
 * be a planted copy, run as the application's user).</li>
 * </ul>
 */
final class Signals {

	static final String KILL = "/bin/kill";

	/** {@code SIGSTOP} on Linux, the only system the native path is used on. */
	private static final int LINUX_SIGSTOP = 19;

	/** {@code SIGKILL}, the same on every Unix. */
	private static final int SIGKILL = 9;

	/** {@code int kill(pid_t, int)}; {@code null} where it cannot be called. */
	private static final MethodHandle NATIVE_KILL = nativeKill();

	private Signals() {
	}

	/** Whether signals go through {@code kill(2)} rather than {@value #KILL}. */
	static boolean isNative() {
		return NATIVE_KILL != null;
	}

	/**
	 * Stops every process; one that has just exited is passed over.
	 * @return whether the signals could be sent at all
	 */
	static boolean stop(List<ProcessHandle> processes) {
		if (NATIVE_KILL != null) {
			for (ProcessHandle process : processes) {
				try {
					int ignored = (int) NATIVE_KILL.invokeExact((int) process.pid(), LINUX_SIGSTOP);
				}
				catch (Throwable ex) {
					return false;
				}
			}
			return true;
		}
		return stopWithKillCommand(processes);
	}

	/**
	 * Stops every process of the process group a process leads, at once: the kernel signals the
	 * whole group in one step, so no member can fork a process that escapes the stop. Nothing happens
	 * when the process leads no group.
	 * @param leader the group's leader, whose pid is the group's id
	 */
	static void stopGroup(ProcessHandle leader) {
		signalGroup(leader, LINUX_SIGSTOP, "-STOP");
	}

	/**
	 * Kills every process of the process group a process leads, at once; nothing happens when the
	 * process leads no group.
	 * @param leader the group's leader, whose pid is the group's id
	 */
	static void killGroup(ProcessHandle leader) {
		signalGroup(leader, SIGKILL, "-KILL");
	}

	private static void signalGroup(ProcessHandle leader, int nativeSignal, String signalOption) {
		if (NATIVE_KILL != null) {
			try {
				// A negative pid names the process group of that id.
				int ignored = (int) NATIVE_KILL.invokeExact((int) -leader.pid(), nativeSignal);
				return;
			}
			catch (Throwable ex) {
				// The kill command serves.
			}
		}
		// "--": what follows is a pid, although it starts with a minus sign.
		runKillCommand(List.of(KILL, signalOption, "--", Long.toString(-leader.pid())));
	}

	private static boolean stopWithKillCommand(List<ProcessHandle> processes) {
		List<String> command = new ArrayList<>(List.of(KILL, "-STOP"));
		processes.forEach((handle) -> command.add(Long.toString(handle.pid())));
		return runKillCommand(command);
	}

	/** Runs the kill command; whether it could be run (it fails for a pid or group that is gone). */
	private static boolean runKillCommand(List<String> command) {
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			// A process that has just exited makes kill fail for its pid; the others are stopped.
			if (kill.waitFor(5, TimeUnit.SECONDS)) {
				return true;
			}
			kill.destroyForcibly();
			return false;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** {@code kill(2)} through the Foreign Function and Memory API, where this JVM allows it. */
	private static MethodHandle nativeKill() {
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
			return null;
		}
		try {
			Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(Signals.class.getModule());
			if (!Boolean.TRUE.equals(enabled)) {
				return null;
			}
			Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
			Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
			Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
			Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
			Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
			Object linker = linkerType.getMethod("nativeLinker").invoke(null);
			Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
			Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
				.getMethod("find", String.class)
				.invoke(lookup, "kill");
			if (symbol.isEmpty()) {
				return null;
			}
			Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
			Object arguments = Array.newInstance(layoutType, 2);
			Array.set(arguments, 0, javaInt);
			Array.set(arguments, 1, javaInt);
			Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
				.invoke(null, javaInt, arguments);
			Object options = Array.newInstance(optionType, 0);
			return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
				.invoke(linker, symbol.get(), descriptor, options);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// Java 17 to 21, or a JVM that refuses: the kill command serves.
			return null;
		}
	}

}
