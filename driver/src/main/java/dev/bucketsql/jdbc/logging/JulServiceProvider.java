package dev.bucketsql.jdbc.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the shaded driver jar: every logger writes to the {@code java.util.logging}
 * logger of the same name. The jar's SLF4J is relocated, so a host's own SLF4J provider cannot
 * serve it; {@code java.util.logging} is always there, and a host that logs through SLF4J, Logback
 * or Log4j 2 routes it in with its usual bridge ({@code jul-to-slf4j}, {@code log4j-jul}).
 */
public final class JulServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this provider is written against. */
  private static final String API_VERSION = "2.0.99";

  private JulLoggerFactory loggers;
  private BasicMarkerFactory markers;
  private NOPMDCAdapter mdc;

  /**
   * Creates the provider; SLF4J finds it through the service file and calls {@link #initialize}.
   */
  public JulServiceProvider() {
    // fields are set in initialize(), as SLF4J's contract asks
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  /** No MDC: {@code java.util.logging} records have no place for it. */
  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return API_VERSION;
  }

  @Override
  public void initialize() {
    loggers = new JulLoggerFactory();
    markers = new BasicMarkerFactory();
    mdc = new NOPMDCAdapter();
  }
}
