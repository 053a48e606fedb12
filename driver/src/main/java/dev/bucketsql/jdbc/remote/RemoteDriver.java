package dev.bucketsql.jdbc.remote;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/**
 * The BucketSQL remote JDBC driver: {@code jdbc:bucketsql:remote:} followed by what Avatica's
 * remote driver takes after {@code jdbc:avatica:remote:}, for example {@code
 * jdbc:bucketsql:remote:url=http://127.0.0.1:8765;serialization=protobuf}, with the same properties
 * ({@code authentication}, {@code avatica_user}, {@code avatica_password}, {@code bearer_token},
 * {@code truststore}, ...). With BASIC or DIGEST authentication the JDBC {@code user} and {@code
 * password} log in too, where {@code avatica_user} and {@code avatica_password} are not given.
 *
 * <p>It is Avatica's remote driver with statements whose {@link java.sql.Statement#cancel()} does
 * not wait for the running execute request but asks the server to cancel it ({@code POST
 * /queries/cancel}), and whose {@link java.sql.Statement#setQueryTimeout(int)} is enforced by
 * sending that cancel when the timeout expires. It needs a BucketSQL server ({@code bucketsql
 * serve}); everything else works against any Avatica server.
 */
public final class RemoteDriver extends Driver {
  /** The prefix of every URL this driver accepts. */
  public static final String PREFIX = "jdbc:bucketsql:remote:";

  /** Avatica's own JDBC 4.1 object factory; package-private there, so created by name. */
  private static final String AVATICA_FACTORY = "org.apache.calcite.avatica.AvaticaJdbc41Factory";

  /** The build's version file, beside the embedded driver's classes. */
  private static final String VERSION_RESOURCE = "/dev/bucketsql/jdbc/bucketsql-version.properties";

  static {
    new RemoteDriver().register();
  }

  /** Creates the driver; {@link java.sql.DriverManager} finds it through the service file. */
  public RemoteDriver() {
    super();
  }

  /**
   * Tells whether a URL is for this driver.
   *
   * @param url a JDBC URL, or null
   * @return whether it starts with {@value #PREFIX}
   */
  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  public boolean acceptsURL(String url) {
    return accepts(url);
  }

  /**
   * The keys a user sets on a remote connection (Avatica's server address, login, TLS and timeouts,
   * and the server's query timeout) with descriptions, choices and defaults; Avatica's internal
   * keys (JDBC factory, HTTP client class) are left out.
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return RemoteProperties.describe(url, info);
  }

  /**
   * Avatica's connect, with the JDBC {@code user} and {@code password} as the login of BASIC or
   * DIGEST authentication when {@code avatica_user} or {@code avatica_password} is not given
   * ({@link RemoteLogin}), and whose failures (nothing listening, a TLS handshake refused, a login
   * refused) are SQLExceptions with SQLSTATE 08001 or 28000 instead of unchecked exceptions.
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties merged = info == null ? new Properties() : info;
    try {
      merged = ConnectStringParser.parse(url.substring(PREFIX.length()), merged);
      return super.connect(url, RemoteLogin.apply(info, merged));
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.connectFailure(e, url, merged);
    }
  }

  @Override
  protected AvaticaFactory createFactory() {
    return new RemoteJdbcFactory(instantiateFactory(AVATICA_FACTORY));
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String version = version();
    String[] parts = version.split("[.-]");
    int major = parts.length > 0 ? parse(parts[0]) : 0;
    int minor = parts.length > 1 ? parse(parts[1]) : 0;
    return new DriverVersion(
        "BucketSQL Remote JDBC Driver",
        version,
        "BucketSQL",
        version,
        false,
        major,
        minor,
        major,
        minor);
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = RemoteDriver.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version is informational only
    }
    return p.getProperty("version", "0.0.0");
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
