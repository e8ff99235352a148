package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Captures log output while open: everything this project logs, at every level down to TRACE, and
 * whatever any other library logs at its configured level; or, made by {@link #everything()},
 * every event of every logger at every level.
 */
public final class LogCapture implements AutoCloseable {

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger project = this.context.getLogger("io.github.credentialprocess");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Level previousLevel;

	private final TurboFilter acceptAll;

	private final List<Appender<ILoggingEvent>> silenced = new ArrayList<>();

	public LogCapture() {
		this(false);
	}

	private LogCapture(boolean everything) {
		this.previousLevel = this.project.getLevel();
		this.project.setLevel(Level.TRACE);
		this.appender.start();
		if (everything) {
			// A turbo filter that accepts decides before any level check, so even loggers that are
			// set to WARN (as Spring Boot sets some of Tomcat's) log their TRACE events. The console
			// is detached meanwhile so that the build output does not fill with them.
			this.root.iteratorForAppenders().forEachRemaining(this.silenced::add);
			this.silenced.forEach(this.root::detachAppender);
			this.acceptAll = new TurboFilter() {
				@Override
				public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
						Throwable t) {
					return FilterReply.ACCEPT;
				}
			};
			this.acceptAll.start();
			this.context.addTurboFilter(this.acceptAll);
		}
		else {
			this.acceptAll = null;
		}
		this.root.addAppender(this.appender);
	}

	/**
	 * Captures every log event of every logger at every level, not only this project's.
	 * @return the capture, open until closed
	 */
	public static LogCapture everything() {
		return new LogCapture(true);
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
		if (this.acceptAll != null) {
			this.context.getTurboFilterList().remove(this.acceptAll);
			this.silenced.forEach(this.root::addAppender);
		}
		this.root.detachAppender(this.appender);
		this.project.setLevel(this.previousLevel);
	}

}
