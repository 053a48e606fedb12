package dev.bucketsql.jdbc.remote;

import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Lets the JDBC {@code user} and {@code password} log in to the server. Avatica's client reads its
 * HTTP login only from {@code avatica_user} and {@code avatica_password}; the JDBC pair, which a
 * tool's User and Password fields fill, it merely forwards in the open-connection request, after
 * the server already answered 401. With BASIC or DIGEST authentication each Avatica key that is not
 * given is taken from its JDBC counterpart; a given {@code avatica_user} or {@code
 * avatica_password} wins, key by key.
 */
final class RemoteLogin {
  static final String JDBC_USER = "user";
  static final String JDBC_PASSWORD = "password";

  private static final Set<String> WITH_USER_AND_PASSWORD = Set.of("BASIC", "DIGEST");

  private RemoteLogin() {}

  /**
   * The properties to connect with: {@code info} plus, where {@code merged} (the URL's keys over
   * {@code info}) asks for BASIC or DIGEST authentication, {@code avatica_user} and {@code
   * avatica_password} taken from {@code user} and {@code password} when not given.
   */
  static Properties apply(@Nullable Properties info, Properties merged) {
    Properties result = new Properties();
    if (info != null) {
      result.putAll(info);
    }
    String authentication =
        merged.getProperty(BuiltInConnectionProperty.AUTHENTICATION.camelName());
    if (authentication == null
        || !WITH_USER_AND_PASSWORD.contains(authentication.toUpperCase(Locale.ROOT))) {
      return result;
    }
    fill(result, merged, BuiltInConnectionProperty.AVATICA_USER.camelName(), JDBC_USER);
    fill(result, merged, BuiltInConnectionProperty.AVATICA_PASSWORD.camelName(), JDBC_PASSWORD);
    return result;
  }

  private static void fill(
      Properties result, Properties merged, String avaticaKey, String jdbcKey) {
    String jdbc = merged.getProperty(jdbcKey);
    if (merged.getProperty(avaticaKey) == null && jdbc != null) {
      result.setProperty(avaticaKey, jdbc);
    }
  }
}
