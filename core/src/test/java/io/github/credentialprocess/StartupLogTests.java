package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What building a provider logs is not lost when logging drops it: Spring Boot drops every event
 * until its logging system is initialised (with a turbo filter that denies all, as here) and builds
 * the provider earlier for a config import. A dropped line is logged once it is asked for, and a
 * dropped warning does not count as given.
 */
class StartupLogTests {

	@TempDir
	Path folder;

	@Test
	void linesDroppedWhileLoggingDropsEverythingAreLoggedOnceWhenAskedFor() throws IOException {
		Path script = groupWritableHelper();
		try (LogCapture logs = new LogCapture();
				CredentialProcessProvider provider = whileLoggingDropsEverything(
						() -> new Scripts(this.folder).provider(script).build())) {
			assertThat(logs.lines()).isEmpty();
			provider.logDroppedStartupMessages();
			provider.logDroppedStartupMessages();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is writable by group or others");
			assertThat(logs.lines(Level.INFO)).singleElement()
				.asString()
				.contains("AWS credentials come from the credential process '" + script.getFileName() + "'");
		}
	}

	@Test
	void warningDroppedWhileLoggingDropsEverythingIsGivenByTheNextProviderForTheFile() throws IOException {
		Path script = groupWritableHelper();
		whileLoggingDropsEverything(() -> new Scripts(this.folder).provider(script).build()).close();
		try (LogCapture logs = new LogCapture()) {
			new Scripts(this.folder).provider(script).build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is writable by group or others");
		}
	}

	private Path groupWritableHelper() throws IOException {
		Path script = new Scripts(this.folder).printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwx---"));
		return script;
	}

	private static <T> T whileLoggingDropsEverything(Supplier<T> action) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		TurboFilter denyAll = new TurboFilter() {
			@Override
			public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
					Throwable t) {
				return FilterReply.DENY;
			}
		};
		denyAll.start();
		context.addTurboFilter(denyAll);
		try {
			return action.get();
		}
		finally {
			context.getTurboFilterList().remove(denyAll);
		}
	}

}
