package io.github.credentialprocess;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures log output while open: everything this project logs, at every level down to TRACE, and
 * whatever any other library logs at its configured level.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger project = (Logger) LoggerFactory.getLogger("io.github.credentialprocess");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level previousLevel;

	public LogCapture() {
		this.previousLevel = this.project.getLevel();
		this.project.setLevel(Level.TRACE);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/** Every captured event as text: level, logger, formatted message and any exception chain. */
	public List<String> lines() {
		return events().stream().map(LogCapture::render).toList();
	}

	public List<String> lines(Level level) {
		return events().stream().filter((event) -> event.getLevel() == level).map(LogCapture::render).toList();
	}

	private List<ILoggingEvent> events() {
		// AppenderBase appends while holding the appender's lock.
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	private static String render(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(
				event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
			for (var frame : cause.getStackTraceElementProxyArray()) {
				text.append("\n\t").append(frame.getSTEAsString());
			}
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.project.setLevel(this.previousLevel);
	}

}
