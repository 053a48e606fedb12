package dev.bucketsql.server.pg;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's settings as {@code SET}, {@code SHOW} and {@code RESET} see them. They change nothing
 * in the engine (a read-only server has no use for most) except {@code statement_timeout}, which
 * shortens the server's query timeout; they exist because clients set them at connect and read them
 * back. The ones PostgreSQL reports with ParameterStatus are reported here too.
 */
final class PgSettings {
  /** The version clients see; pgjdbc and psql choose their catalog queries by it. */
  static final String SERVER_VERSION = "16.0 (BucketSQL)";

  /** Settings reported to the client at startup and whenever they change. */
  private static final Set<String> REPORTED =
      Set.of(
          "server_version",
          "server_encoding",
          "client_encoding",
          "application_name",
          "datestyle",
          "timezone",
          "integer_datetimes",
          "standard_conforming_strings",
          "intervalstyle",
          "is_superuser",
          "session_authorization",
          "default_transaction_read_only",
          "in_hot_standby",
          "scram_iterations");

  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, String> canonicalNames = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  private final String database;
  private final String schema;
  private final int processId;

  PgSettings(String user, Map<String, String> startup, String schema, int processId) {
    this.database = startup.getOrDefault("database", user);
    this.schema = schema;
    this.processId = processId;
    define("server_version", SERVER_VERSION);
    define("server_version_num", "160000");
    define("server_encoding", "UTF8");
    define("client_encoding", "UTF8");
    define("DateStyle", "ISO, MDY");
    define("IntervalStyle", "postgres");
    define("TimeZone", ZoneId.systemDefault().getId());
    define("integer_datetimes", "on");
    define("standard_conforming_strings", "on");
    define("application_name", "");
    define("is_superuser", "off");
    define("session_authorization", user);
    define("default_transaction_read_only", "on");
    define("transaction_read_only", "on");
    define("in_hot_standby", "off");
    define("transaction_isolation", "read committed");
    define("default_transaction_isolation", "read committed");
    define("search_path", "\"$user\", public");
    define("extra_float_digits", "3");
    define("statement_timeout", "0");
    define("lock_timeout", "0");
    define("idle_in_transaction_session_timeout", "0");
    define("max_identifier_length", "63");
    define("bytea_output", "hex");
    define("lc_messages", "C");
    define("lc_monetary", "C");
    define("lc_numeric", "C");
    define("lc_time", "C");
    define("max_index_keys", "32");
    define("block_size", "8192");
    define("geqo", "on");
    define("jit", "off");
    startup.forEach(
        (name, value) -> {
          if (!name.equals("user")
              && !name.equals("database")
              && !name.equals("options")
              && !name.equals("replication")) {
            set(name, value);
          }
        });
  }

  private void define(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    defaults.put(key, value);
    canonicalNames.put(key, name);
    values.put(key, value);
  }

  /**
   * Sets a setting; unknown names are kept as given, as PostgreSQL does for names with a dot.
   *
   * @return whether the client must be told with a ParameterStatus
   * @throws PgProtocolException for values the server cannot honour
   */
  boolean set(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("client_encoding")
        && !value.replace("-", "").equalsIgnoreCase("UTF8")
        && !value.equalsIgnoreCase("unicode")) {
      throw new PgProtocolException(
          "22023",
          "client_encoding '"
              + value
              + "' is not supported; BucketSQL"
              + " speaks UTF8 only (set client_encoding to UTF8)");
    }
    if (key.equals("client_encoding")) {
      value = "UTF8";
    }
    if (key.equals("statement_timeout")) {
      statementTimeoutMillis(value); // checks it
    }
    canonicalNames.putIfAbsent(key, name);
    String previous = values.put(key, value);
    return REPORTED.contains(key) && !value.equals(previous);
  }

  /** Resets a setting to its default; returns whether it must be reported. */
  boolean reset(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    String value = defaults.get(key);
    if (value == null) {
      return values.remove(key) != null && REPORTED.contains(key);
    }
    return set(name, value);
  }

  /** Every setting back to its default; returns the names to report. */
  List<String> resetAll() {
    List<String> changed = new ArrayList<>();
    for (String key : List.copyOf(values.keySet())) {
      if (reset(key)) {
        changed.add(canonicalNames.get(key));
      }
    }
    return changed;
  }

  /**
   * A setting's value.
   *
   * @throws PgProtocolException if there is no such setting
   */
  String get(String name) {
    String value = values.get(name.toLowerCase(Locale.ROOT));
    if (value == null) {
      throw new PgProtocolException(
          "42704", "unrecognized configuration parameter \"" + name + "\"");
    }
    return value;
  }

  /** The name in PostgreSQL's spelling, such as {@code DateStyle}. */
  String canonical(String name) {
    return canonicalNames.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }

  /** Every setting, in definition order, by canonical name. */
  Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    values.forEach((key, value) -> all.put(canonicalNames.get(key), value));
    return all;
  }

  /** The settings sent at startup. */
  Map<String, String> reported() {
    Map<String, String> reported = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (REPORTED.contains(key) && !key.equals("scram_iterations")) {
            reported.put(canonicalNames.get(key), value);
          }
        });
    return reported;
  }

  /** The database name the client gave (any name is accepted). */
  String database() {
    return database;
  }

  /** The connection's default schema, for {@code current_schema()}. */
  String schema() {
    return schema;
  }

  int processId() {
    return processId;
  }

  /** {@code statement_timeout} in milliseconds; 0 for none. */
  long statementTimeoutMillis() {
    return statementTimeoutMillis(values.get("statement_timeout"));
  }

  private static long statementTimeoutMillis(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Long.parseLong(v.substring(0, v.length() - 2).strip());
      }
      if (v.endsWith("min")) {
        return Long.parseLong(v.substring(0, v.length() - 3).strip()) * 60_000;
      }
      if (v.endsWith("s")) {
        return Long.parseLong(v.substring(0, v.length() - 1).strip()) * 1000;
      }
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new PgProtocolException(
          "22023",
          "invalid value for statement_timeout: \""
              + value
              + "\"; give milliseconds, or a number with ms, s or min");
    }
  }
}
