package io.github.credentialprocess;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures everything the engine logs, at every level, while open.
 */
final class LogCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.github.credentialprocess");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level previousLevel;

	LogCapture() {
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.ALL);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** Every captured event as text: level, formatted message and any stack trace. */
	List<String> lines() {
		return this.appender.list.stream().map(LogCapture::render).toList();
	}

	List<String> lines(Level level) {
		return this.appender.list.stream().filter((event) -> event.getLevel() == level).map(LogCapture::render).toList();
	}

	private static String render(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
	}

}
