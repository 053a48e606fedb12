package dev.bucketsql.jdbc.remote;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.ConnectionProperty;

/**
 * What {@link RemoteDriver#getPropertyInfo} answers: the keys a user sets on a remote connection,
 * with descriptions, choices and defaults. The keys, their types and defaults are Avatica's ({@link
 * BuiltInConnectionProperty}); Avatica has no descriptions, so they are here, and a key without one
 * (the JDBC factory, the HTTP client class, the embedded schema, ...) is an internal key and left
 * out.
 */
final class RemoteProperties {
  /** The connection setting a BucketSQL server reads: its query timeout for this connection. */
  static final String QUERY_TIMEOUT = "queryTimeout";

  private static final Map<BuiltInConnectionProperty, String> DESCRIPTIONS = descriptions();

  private RemoteProperties() {}

  private static Map<BuiltInConnectionProperty, String> descriptions() {
    Map<BuiltInConnectionProperty, String> m = new LinkedHashMap<>();
    m.put(BuiltInConnectionProperty.URL, "server address, http://HOST:PORT or https://HOST:PORT");
    m.put(BuiltInConnectionProperty.SERIALIZATION, "wire format; must match the server's");
    m.put(
        BuiltInConnectionProperty.AUTHENTICATION,
        "how to log in: BASIC (user and password, or avatica_user and avatica_password) or BEARER"
            + " (bearer_token)");
    m.put(
        BuiltInConnectionProperty.AVATICA_USER,
        "user name for BASIC or DIGEST login (default: JDBC's user)");
    m.put(
        BuiltInConnectionProperty.AVATICA_PASSWORD,
        "password for BASIC or DIGEST login (default: JDBC's password)");
    m.put(BuiltInConnectionProperty.BEARER_TOKEN, "token for BEARER login");
    m.put(BuiltInConnectionProperty.TOKEN_FILE, "file holding the token for BEARER login");
    m.put(
        BuiltInConnectionProperty.TRUSTSTORE,
        "trust store (PKCS12 or JKS) for a server certificate the JVM does not trust");
    m.put(BuiltInConnectionProperty.TRUSTSTORE_PASSWORD, "password of the trust store");
    m.put(
        BuiltInConnectionProperty.KEYSTORE,
        "key store with a client certificate, for servers that ask for one");
    m.put(BuiltInConnectionProperty.KEYSTORE_PASSWORD, "password of the key store");
    m.put(BuiltInConnectionProperty.KEY_PASSWORD, "password of the key in the key store");
    m.put(BuiltInConnectionProperty.KEYSTORE_TYPE, "type of the key and trust stores");
    m.put(
        BuiltInConnectionProperty.HOSTNAME_VERIFICATION,
        "whether the server certificate must name the host");
    m.put(BuiltInConnectionProperty.PRINCIPAL, "Kerberos principal for SPNEGO login");
    m.put(BuiltInConnectionProperty.KEYTAB, "Kerberos keytab file for SPNEGO login");
    m.put(
        BuiltInConnectionProperty.HTTP_CONNECTION_TIMEOUT,
        "milliseconds to wait for the server to accept the connection");
    m.put(BuiltInConnectionProperty.HTTP_RESPONSE_TIMEOUT, "milliseconds to wait for a response");
    m.put(BuiltInConnectionProperty.FETCH_SIZE, "rows fetched per request");
    m.put(
        BuiltInConnectionProperty.TRANSPARENT_RECONNECTION,
        "whether a connection the server forgot is opened again");
    return m;
  }

  private static List<String> choices(BuiltInConnectionProperty p) {
    if (p == BuiltInConnectionProperty.SERIALIZATION) {
      return List.of("protobuf", "json");
    }
    if (p == BuiltInConnectionProperty.AUTHENTICATION) {
      return List.of("BASIC", "BEARER", "DIGEST", "SPNEGO");
    }
    if (p.type() == ConnectionProperty.Type.BOOLEAN) {
      return List.of("true", "false");
    }
    if (p.type() == ConnectionProperty.Type.ENUM) {
      return Arrays.stream(p.valueClass().getEnumConstants())
          .map(e -> ((Enum<?>) e).name())
          .toList();
    }
    return List.of();
  }

  /**
   * The property list, with the values given in {@code url} or {@code info} filled in (passwords
   * and tokens aside); a URL that does not parse contributes none.
   */
  static DriverPropertyInfo[] describe(String url, Properties info) {
    Properties given = new Properties();
    if (info != null) {
      given.putAll(info);
    }
    if (RemoteDriver.accepts(url)) {
      try {
        given = ConnectStringParser.parse(url.substring(RemoteDriver.PREFIX.length()), given);
      } catch (SQLException e) {
        // no values from the URL; the list of keys stays the same
      }
    }
    List<DriverPropertyInfo> result = new ArrayList<>();
    Properties values = given;
    DESCRIPTIONS.forEach(
        (p, description) -> {
          Object dflt = p.defaultValue();
          String shownDefault = dflt == null || dflt.toString().isEmpty() ? null : dflt.toString();
          result.add(
              info(
                  p.camelName(),
                  description,
                  choices(p),
                  shownDefault,
                  values.getProperty(p.camelName())));
        });
    result.add(
        info(
            QUERY_TIMEOUT,
            "seconds after which a BucketSQL server stops this connection's queries"
                + " (capped by the server's own limit)",
            List.of(),
            null,
            given.getProperty(QUERY_TIMEOUT)));
    return result.toArray(new DriverPropertyInfo[0]);
  }

  private static DriverPropertyInfo info(
      String key, String description, List<String> choices, String dflt, String value) {
    boolean secret =
        key.endsWith("password") || key.equals(BuiltInConnectionProperty.BEARER_TOKEN.camelName());
    DriverPropertyInfo p =
        new DriverPropertyInfo(key, secret ? null : value != null ? value : dflt);
    p.description = description + (dflt == null ? "" : " (default: " + dflt + ")");
    p.choices = choices.isEmpty() ? null : choices.toArray(new String[0]);
    p.required = key.equals(BuiltInConnectionProperty.URL.camelName());
    return p;
  }
}
