package dev.bucketsql.server.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session commands clients send that are not queries, answered as a read-only PostgreSQL server
 * answers them: transaction control (accepted; every statement reads), {@code SET}, {@code SHOW},
 * {@code RESET}, {@code DISCARD}, {@code DEALLOCATE}.
 */
final class PgCommands {
  /** What the session must do after a command, beside answering it. */
  enum Action {
    NONE,
    BEGIN,
    COMMIT,
    ROLLBACK,
    DISCARD_ALL,
    DEALLOCATE
  }

  /**
   * A command's answer.
   *
   * @param tag the CommandComplete tag
   * @param columns the result columns, empty when the command returns no rows
   * @param rows the rows, values as {@link PgValues} takes them
   * @param reported settings whose new value must be sent as ParameterStatus
   * @param action what the session must do
   * @param argument the action's argument (the statement name for DEALLOCATE)
   */
  record Result(
      String tag,
      List<PgColumn> columns,
      List<List<Object>> rows,
      List<String> reported,
      Action action,
      String argument) {
    static Result of(String tag, Action action) {
      return new Result(tag, List.of(), List.of(), List.of(), action, null);
    }
  }

  private static final Pattern BEGIN = Pattern.compile("(?is)(BEGIN|START\\s+TRANSACTION)\\b.*");
  private static final Pattern COMMIT =
      Pattern.compile("(?is)(COMMIT|END)(\\s+(WORK|TRANSACTION))?\\s*");
  private static final Pattern ROLLBACK =
      Pattern.compile("(?is)(ROLLBACK|ABORT)(\\s+(WORK|TRANSACTION))?\\s*");
  private static final Pattern SAVEPOINT =
      Pattern.compile(
          "(?is)(SAVEPOINT|RELEASE(\\s+SAVEPOINT)?|ROLLBACK\\s+TO(\\s+SAVEPOINT)?)\\s+\\w+\\s*");
  private static final Pattern SET_TRANSACTION =
      Pattern.compile("(?is)SET\\s+(SESSION\\s+CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\b.*");
  private static final Pattern SET_TIME_ZONE =
      Pattern.compile("(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.+)");
  private static final Pattern SET =
      Pattern.compile(
          "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([\\w.]+|\"[^\"]+\")\\s*(?:=|\\s+TO\\s+)\\s*(.+)");
  private static final Pattern SHOW = Pattern.compile("(?is)SHOW\\s+([\\w.]+|\"[^\"]+\")\\s*");
  private static final Pattern SHOW_TIME_ZONE = Pattern.compile("(?is)SHOW\\s+TIME\\s+ZONE\\s*");
  private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+([\\w.]+|\"[^\"]+\")\\s*");
  private static final Pattern DISCARD =
      Pattern.compile("(?is)DISCARD\\s+(ALL|PLANS|SEQUENCES|TEMP|TEMPORARY)\\s*");

  /**
   * The session functions clients call right after connecting (SQLAlchemy, DBeaver), alone in a
   * SELECT.
   */
  private static final Pattern SESSION_FUNCTION =
      Pattern.compile(
          "(?is)SELECT\\s+(?:pg_catalog\\.)?"
              + "(version|current_schema|current_database|pg_backend_pid)\\s*\\(\\s*\\)"
              + "(?:\\s+(?:AS\\s+)?(\\w+|\"[^\"]+\"))?\\s*");

  private static final Pattern SESSION_VALUE =
      Pattern.compile(
          "(?is)SELECT\\s+"
              + "(current_user|session_user|current_catalog|current_role)"
              + "(?:\\s+(?:AS\\s+)?(\\w+|\"[^\"]+\"))?\\s*");
  private static final Pattern SHOW_ISOLATION =
      Pattern.compile("(?is)SHOW\\s+TRANSACTION\\s+ISOLATION\\s+LEVEL\\s*");
  private static final Pattern DEALLOCATE =
      Pattern.compile("(?is)DEALLOCATE\\s+(?:PREPARE\\s+)?(\\w+|\"[^\"]+\")\\s*");

  private PgCommands() {}

  /** Whether {@code sql} (comments stripped) is one of these commands. */
  static boolean isCommand(String sql) {
    return BEGIN.matcher(sql).matches()
        || COMMIT.matcher(sql).matches()
        || ROLLBACK.matcher(sql).matches()
        || SAVEPOINT.matcher(sql).matches()
        || SET_TRANSACTION.matcher(sql).matches()
        || SET_TIME_ZONE.matcher(sql).matches()
        || SET.matcher(sql).matches()
        || SHOW.matcher(sql).matches()
        || SHOW_TIME_ZONE.matcher(sql).matches()
        || RESET.matcher(sql).matches()
        || DISCARD.matcher(sql).matches()
        || DEALLOCATE.matcher(sql).matches()
        || SESSION_FUNCTION.matcher(sql).matches()
        || SESSION_VALUE.matcher(sql).matches()
        || SHOW_ISOLATION.matcher(sql).matches();
  }

  /** The columns a command returns: one text column for SHOW, none otherwise. */
  static List<PgColumn> describe(String sql, PgSettings settings) {
    Matcher function = SESSION_FUNCTION.matcher(sql);
    if (function.matches()) {
      String name = function.group(1).toLowerCase(Locale.ROOT);
      return List.of(
          new PgColumn(
              function.group(2) != null ? unquote(function.group(2)) : name,
              name.equals("pg_backend_pid") ? PgType.INT4 : PgType.TEXT,
              false));
    }
    Matcher value = SESSION_VALUE.matcher(sql);
    if (value.matches()) {
      String name = value.group(1).toLowerCase(Locale.ROOT);
      return List.of(
          new PgColumn(
              value.group(2) != null ? unquote(value.group(2)) : name, PgType.TEXT, false));
    }
    if (SHOW_ISOLATION.matcher(sql).matches()) {
      return List.of(new PgColumn("transaction_isolation", PgType.TEXT, false));
    }
    if (SHOW_TIME_ZONE.matcher(sql).matches()) {
      return List.of(new PgColumn("TimeZone", PgType.TEXT, false));
    }
    Matcher show = SHOW.matcher(sql);
    if (show.matches()) {
      String name = unquote(show.group(1));
      if (name.equalsIgnoreCase("all")) {
        return List.of(
            new PgColumn("name", PgType.TEXT, false),
            new PgColumn("setting", PgType.TEXT, false),
            new PgColumn("description", PgType.TEXT, false));
      }
      return List.of(
          new PgColumn(settings.canonical(name).toLowerCase(Locale.ROOT), PgType.TEXT, false));
    }
    return List.of();
  }

  /** Runs a command that {@link #isCommand} accepted. */
  static Result run(String sql, PgSettings settings) {
    Matcher function = SESSION_FUNCTION.matcher(sql);
    Matcher value = SESSION_VALUE.matcher(sql);
    if (function.matches() || value.matches()) {
      String name =
          (function.matches() ? function.group(1) : value.group(1)).toLowerCase(Locale.ROOT);
      Object answer =
          switch (name) {
            case "version" ->
                "PostgreSQL "
                    + PgSettings.SERVER_VERSION
                    + " on Java "
                    + System.getProperty("java.version");
            case "current_schema" -> settings.schema();
            case "current_database", "current_catalog" -> settings.database();
            case "pg_backend_pid" -> (long) settings.processId();
            default -> settings.get("session_authorization");
          };
      return new Result(
          "SELECT 1",
          describe(sql, settings),
          List.of(List.of(answer)),
          List.of(),
          Action.NONE,
          null);
    }
    if (SHOW_ISOLATION.matcher(sql).matches()) {
      return new Result(
          "SHOW",
          describe(sql, settings),
          List.of(List.of(settings.get("transaction_isolation"))),
          List.of(),
          Action.NONE,
          null);
    }
    if (SAVEPOINT.matcher(sql).matches()) {
      String word = sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
      return Result.of(word.equals("ROLLBACK") ? "ROLLBACK" : word, Action.NONE);
    }
    if (BEGIN.matcher(sql).matches()) {
      if (sql.toUpperCase(Locale.ROOT).contains("READ WRITE")) {
        throw new PgProtocolException(
            "25006",
            "BucketSQL is read-only: a READ WRITE transaction cannot"
                + " start; use BEGIN or BEGIN READ ONLY");
      }
      return Result.of("BEGIN", Action.BEGIN);
    }
    if (COMMIT.matcher(sql).matches()) {
      return Result.of("COMMIT", Action.COMMIT);
    }
    if (ROLLBACK.matcher(sql).matches()) {
      return Result.of("ROLLBACK", Action.ROLLBACK);
    }
    if (SET_TRANSACTION.matcher(sql).matches()) {
      if (sql.toUpperCase(Locale.ROOT).contains("READ WRITE")) {
        throw new PgProtocolException(
            "25006", "BucketSQL is read-only: transactions cannot be READ WRITE");
      }
      return Result.of("SET", Action.NONE);
    }
    Matcher timeZone = SET_TIME_ZONE.matcher(sql);
    if (timeZone.matches()) {
      return set(settings, "TimeZone", timeZone.group(1));
    }
    Matcher set = SET.matcher(sql);
    if (set.matches()) {
      return set(settings, unquote(set.group(1)), set.group(2));
    }
    if (SHOW_TIME_ZONE.matcher(sql).matches()) {
      return show(settings, "TimeZone", sql);
    }
    Matcher show = SHOW.matcher(sql);
    if (show.matches()) {
      return show(settings, unquote(show.group(1)), sql);
    }
    Matcher reset = RESET.matcher(sql);
    if (reset.matches()) {
      String name = unquote(reset.group(1));
      List<String> reported =
          name.equalsIgnoreCase("all")
              ? settings.resetAll()
              : settings.reset(name) ? List.of(settings.canonical(name)) : List.of();
      return new Result("RESET", List.of(), List.of(), reported, Action.NONE, null);
    }
    Matcher discard = DISCARD.matcher(sql);
    if (discard.matches()) {
      String what = discard.group(1).toUpperCase(Locale.ROOT);
      if (what.equals("ALL")) {
        return new Result(
            "DISCARD ALL", List.of(), List.of(), settings.resetAll(), Action.DISCARD_ALL, null);
      }
      return Result.of("DISCARD " + what, Action.NONE);
    }
    Matcher deallocate = DEALLOCATE.matcher(sql);
    if (deallocate.matches()) {
      return new Result(
          "DEALLOCATE" + (deallocate.group(1).equalsIgnoreCase("all") ? " ALL" : ""),
          List.of(),
          List.of(),
          List.of(),
          Action.DEALLOCATE,
          unquote(deallocate.group(1)));
    }
    throw new IllegalArgumentException("not a session command");
  }

  private static Result set(PgSettings settings, String name, String rawValue) {
    String value = rawValue.strip();
    if (value.endsWith(";")) {
      value = value.substring(0, value.length() - 1).strip();
    }
    if (value.equalsIgnoreCase("DEFAULT") || value.equalsIgnoreCase("LOCAL")) {
      boolean report = settings.reset(name);
      return new Result(
          "SET",
          List.of(),
          List.of(),
          report ? List.of(settings.canonical(name)) : List.of(),
          Action.NONE,
          null);
    }
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",")) {
      parts.add(unquoteValue(part.strip()));
    }
    boolean report = settings.set(name, String.join(", ", parts));
    return new Result(
        "SET",
        List.of(),
        List.of(),
        report ? List.of(settings.canonical(name)) : List.of(),
        Action.NONE,
        null);
  }

  private static Result show(PgSettings settings, String name, String sql) {
    List<PgColumn> columns = describe(sql, settings);
    List<List<Object>> rows = new ArrayList<>();
    if (name.equalsIgnoreCase("all")) {
      for (Map.Entry<String, String> e : settings.all().entrySet()) {
        rows.add(List.of(e.getKey(), e.getValue(), ""));
      }
    } else {
      rows.add(List.of(settings.get(name)));
    }
    return new Result("SHOW", columns, rows, List.of(), Action.NONE, null);
  }

  private static String unquote(String name) {
    return name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1)
        : name;
  }

  private static String unquoteValue(String value) {
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("''", "'");
    }
    return unquote(value);
  }
}
