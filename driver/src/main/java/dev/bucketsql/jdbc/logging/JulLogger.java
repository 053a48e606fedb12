package dev.bucketsql.jdbc.logging;

import static java.util.Objects.requireNonNull;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes to the {@code java.util.logging} logger of the same name: TRACE is
 * FINEST, DEBUG is FINE, INFO is INFO, WARN is WARNING, ERROR is SEVERE. Levels are checked on
 * every call, so a host changing a level at run time takes effect at once.
 */
final class JulLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient java.util.logging.Logger jul;

  JulLogger(String name) {
    this.name = requireNonNull(name, "name is null");
    this.jul = java.util.logging.Logger.getLogger(name);
  }

  @Override
  public boolean isTraceEnabled() {
    return jul.isLoggable(Level.FINEST);
  }

  @Override
  public boolean isDebugEnabled() {
    return jul.isLoggable(Level.FINE);
  }

  @Override
  public boolean isInfoEnabled() {
    return jul.isLoggable(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return jul.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isErrorEnabled() {
    return jul.isLoggable(Level.SEVERE);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      org.slf4j.event.Level level,
      Marker marker,
      String pattern,
      Object[] arguments,
      Throwable thrown) {
    Level julLevel = toJul(level);
    if (!jul.isLoggable(julLevel)) {
      return;
    }
    LogRecord record =
        new LogRecord(julLevel, MessageFormatter.basicArrayFormat(pattern, arguments));
    record.setLoggerName(name);
    // The logger's name is the class that logs; without this, java.util.logging would name
    // this adapter as the source after walking the stack.
    record.setSourceClassName(name);
    record.setSourceMethodName(null);
    record.setThrown(thrown);
    jul.log(record);
  }

  private static Level toJul(org.slf4j.event.Level level) {
    return switch (level) {
      case TRACE -> Level.FINEST;
      case DEBUG -> Level.FINE;
      case INFO -> Level.INFO;
      case WARN -> Level.WARNING;
      case ERROR -> Level.SEVERE;
    };
  }
}
