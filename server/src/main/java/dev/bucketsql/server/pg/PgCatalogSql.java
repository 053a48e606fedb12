package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL-only parts of clients' catalog queries into SQL the engine runs, on the
 * text and outside quotes and comments, before the statement is prepared:
 *
 * <ul>
 *   <li>{@code 'literal'::type} becomes {@code CAST('literal' AS type)} (PostgreSQL binds {@code
 *       ::} tightest; the engine's parser would cast the comparison it ends);
 *   <li>{@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE pg_catalog.default} and
 *       {@code COLLATE "C"} go (the engine compares code points);
 *   <li>{@code 'name'::regclass} becomes the table's OID (an unknown name fails with 42P01, as in
 *       PostgreSQL); {@code 'pg_catalog.f'::regproc} becomes {@code 'f'} (as {@code
 *       pg_type.typinput} holds it); {@code column::regtype} becomes {@code format_type(column,
 *       NULL)};
 *   <li>the session's functions become literals: {@code current_database()}, {@code
 *       current_schema()}, {@code current_schemas(bool)}, {@code version()}, {@code
 *       current_user}...;
 *   <li>{@code pg_catalog.} goes before function calls (PostgreSQL's built-in functions are the
 *       engine's, found unqualified);
 *   <li>{@code obj_description} and {@code pg_table_is_visible} become subqueries over {@code
 *       pg_description} and {@code pg_class}; {@code col_description} and {@code CAST(name AS
 *       regclass)} of a computed name become lookups in the catalog ({@link PgCatalogLookups}).
 * </ul>
 *
 * Everything else is left to the engine, which serves {@code pg_catalog}'s tables, functions and
 * type names ({@link PgCatalog}).
 */
final class PgCatalogSql {
  /**
   * The function a {@code regclass} cast of a computed name becomes ({@link
   * PgCatalogLookups#regclass}).
   */
  static final String REGCLASS_FUNCTION = "_pg_regclass";

  /** The function {@code col_description} becomes ({@link PgCatalogLookups#colDescription}). */
  static final String COL_DESCRIPTION_FUNCTION = "_pg_col_description";

  private static final String QUALIFIER = "(?:pg_catalog\\s*\\.\\s*)?";
  private static final Pattern OPERATOR =
      Pattern.compile("(?i)\\bOPERATOR\\s*\\(\\s*" + QUALIFIER + "([~!*<>=@#%^&|`?+\\-/]+)\\s*\\)");
  private static final Pattern COLLATE =
      Pattern.compile("(?i)\\s+COLLATE\\s+" + QUALIFIER + "(?:default\\b|\"[^\"]*\")");
  private static final Pattern REGCLASS =
      Pattern.compile("(?i)'((?:[^']|'')*)'\\s*::\\s*" + QUALIFIER + "regclass\\b");
  private static final Pattern REGPROC =
      Pattern.compile("(?i)'((?:[^']|'')*)'\\s*::\\s*" + QUALIFIER + "regproc\\b");
  private static final Pattern REGTYPE =
      Pattern.compile(
          "(?i)(?<![\\w$.])((?:[A-Za-z_][\\w$]*\\s*\\.\\s*)*"
              + "[A-Za-z_][\\w$]*)\\s*::\\s*"
              + QUALIFIER
              + "regtype\\b");

  /**
   * An integer array in PostgreSQL's text form compared with a catalog array column ({@code
   * polroles = '{0}'}).
   */
  private static final Pattern ARRAY_LITERAL =
      Pattern.compile("(=|<>)\\s*'\\{(\\d+(?:,\\d+)*)\\}'");

  /** A literal compared with a text array's elements, which the engine wants typed VARCHAR. */
  private static final Pattern ANY_LITERAL =
      Pattern.compile("(?i)('(?:[^']|'')*')(\\s*=\\s*ANY\\s*\\()");

  /**
   * {@code AS default}: a column alias PostgreSQL allows and the engine reserves (SQLAlchemy's
   * column query).
   */
  private static final Pattern AS_DEFAULT = Pattern.compile("(?i)\\bAS\\s+DEFAULT\\b");

  private static final Pattern SESSION_CALL =
      Pattern.compile(
          "(?i)(?<![\\w$.])"
              + QUALIFIER
              + "(current_database|current_schema|version|pg_backend_pid)\\s*\\(\\s*\\)");
  private static final Pattern SCHEMAS_CALL =
      Pattern.compile(
          "(?i)(?<![\\w$.])" + QUALIFIER + "current_schemas\\s*\\(\\s*(true|false)\\s*\\)");
  private static final Pattern SESSION_VALUE =
      Pattern.compile(
          "(?i)(?<![\\w$.])(?<!\\bAS\\s{1,20})"
              + "(current_user|session_user|current_role|current_catalog|current_schema)\\b(?!\\s*[(.])");

  /**
   * {@code pg_catalog.} before a function call: the engine's functions (array_to_string...) are not
   * in a schema.
   */
  private static final Pattern QUALIFIED_CALL =
      Pattern.compile(
          "(?i)(?<![\\w$.])(?:pg_catalog|information_schema)\\s*\\.\\s*"
              + "(?=[A-Za-z_][\\w$]*\\s*\\()");

  /**
   * {@code generate_series(...)} as a table in FROM, with its optional aliases read by {@link
   * #series}.
   */
  private static final Pattern SERIES =
      Pattern.compile("(?i)(\\bFROM|\\bJOIN|,)\\s*" + QUALIFIER + "generate_series\\s*\\(");

  private static final Pattern SERIES_ALIAS =
      Pattern.compile(
          "(?i)\\s*(?:AS\\s+)?(?!(?:WHERE|ON|JOIN|LEFT|RIGHT|"
              + "INNER|CROSS|FULL|NATURAL|LATERAL|USING|FROM|SELECT|HAVING|WINDOW|OFFSET|FETCH|ORDER|GROUP|UNION|"
              + "EXCEPT|INTERSECT|LIMIT|AND|OR)\\b)([A-Za-z_][\\w$]*)(?:\\s*\\(\\s*([A-Za-z_][\\w$]*)"
              + "\\s*\\))?");

  /**
   * {@code (_pg_expandarray(a)).n} and {@code (alias.KEYS).x}: field access on a row, in pgjdbc's
   * key queries and Metabase's index query (which quotes the field: {@code
   * (..._PG_EXPANDARRAY("i"."indkey"))."n"}).
   */
  private static final Pattern EXPANDED_FIELD =
      Pattern.compile(
          "(?i)\\(\\s*((?:information_schema\\s*\\.\\s*)?"
              + "_pg_expandarray\\s*\\([^()]*\\)|[A-Za-z_][\\w$]*\\s*\\.\\s*[A-Za-z_][\\w$]*)\\s*\\)\\s*\\.\\s*"
              + "(?:([xn])\\b|\"([xn])\")");

  /** A {@code ::} cast right after a closing parenthesis. */
  private static final Pattern CALL_CAST =
      Pattern.compile(
          "(?i)\\)\\s*::\\s*((?:pg_catalog\\s*\\.\\s*)?"
              + "(?:[A-Za-z_][\\w$]*|\"char\"))(?!\\s*\\[)");

  /**
   * {@code 'f'::char}: a literal cast, which the engine's parser would apply to the whole
   * comparison before it.
   */
  private static final Pattern LITERAL_CAST =
      Pattern.compile(
          "(?i)(?<![\\w'&])('(?:[^']|'')*')\\s*::\\s*("
              + QUALIFIER
              + "(?:[A-Za-z_][\\w$]*+|\"char\"))(?!\\s*[\\[(.])(?!\\s+(?:varying|precision|with|without)\\b)");

  private static final Pattern CAST_CALL = Pattern.compile("(?i)(?<![\\w$.])CAST\\s*\\(");
  private static final Pattern AS_REGCLASS =
      Pattern.compile("(?is)(.*\\S)\\s+AS\\s+" + QUALIFIER + "(?:regclass|\"regclass\")");
  private static final Pattern CALL =
      Pattern.compile(
          "(?i)(?<![\\w$.])"
              + QUALIFIER
              + "(obj_description|col_description|pg_table_is_visible)\\s*\\(");

  private final PgCatalog catalog;
  private final PgSettings settings;
  private int aliases;

  /**
   * @param catalog the session's catalog, or null when the connection has none
   * @param settings the session's settings (database, schema, user)
   */
  PgCatalogSql(PgCatalog catalog, PgSettings settings) {
    this.catalog = catalog;
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** {@code sql} with the rewrites above; unchanged when it has none of them. */
  String rewrite(String sql) {
    String out = replace(sql, OPERATOR, m -> " " + m.group(1) + " ");
    out = replace(out, COLLATE, m -> "");
    out = replace(out, REGCLASS, m -> Long.toString(regclass(m.group(1).replace("''", "'"))));
    if (sql.contains("pg_catalog.")) {
      out = replace(out, ARRAY_LITERAL, m -> m.group(1) + " ARRAY[" + m.group(2) + "]");
      out = callCasts(out);
      out = replace(out, AS_DEFAULT, m -> "AS \"default\"");
      out = replace(out, ANY_LITERAL, m -> "CAST(" + m.group(1) + " AS VARCHAR)" + m.group(2));
    }
    out = replace(out, REGPROC, m -> "'" + m.group(1).replaceFirst("(?i)^pg_catalog\\.", "") + "'");
    out = replace(out, LITERAL_CAST, m -> "CAST(" + m.group(1) + " AS " + m.group(2) + ")");
    out = replace(out, REGTYPE, m -> "pg_catalog.format_type(" + m.group(1) + ", NULL)");
    out = replace(out, SESSION_CALL, m -> session(m.group(1)));
    out =
        replace(
            out,
            SCHEMAS_CALL,
            m -> schemas(Boolean.parseBoolean(m.group(1).toLowerCase(Locale.ROOT))));
    out = replace(out, SESSION_VALUE, m -> session(m.group(1)));
    if (sql.toLowerCase(Locale.ROOT).contains("_pg_expandarray")) {
      out =
          replace(
              out,
              EXPANDED_FIELD,
              m ->
                  "_pg_expandarray_"
                      + (m.group(2) != null ? m.group(2) : m.group(3)).toLowerCase(Locale.ROOT)
                      + "("
                      + m.group(1)
                      + ")");
    }
    out = series(out);
    out = regclassCasts(out);
    out = calls(out);
    return replace(out, QUALIFIED_CALL, m -> "");
  }

  private String session(String name) {
    String value =
        switch (name.toLowerCase(Locale.ROOT)) {
          case "current_database", "current_catalog" -> settings.database();
          case "current_schema" -> settings.schema();
          case "version" ->
              "PostgreSQL "
                  + PgSettings.SERVER_VERSION
                  + " on Java "
                  + System.getProperty("java.version");
          case "pg_backend_pid" -> null;
          default -> settings.get("session_authorization");
        };
    return value == null ? Integer.toString(settings.processId()) : text(value);
  }

  private String schemas(boolean implicit) {
    return "ARRAY["
        + (implicit ? text(PgCatalogSchema.NAME) + ", " : "")
        + text(settings.schema())
        + "]";
  }

  /** A string literal typed VARCHAR, so that CASE and UNION do not pad it as CHAR(n). */
  private static String text(String value) {
    return "CAST('" + value.replace("'", "''") + "' AS VARCHAR)";
  }

  /** The OID of a relation named as PostgreSQL's {@code regclass} input reads it. */
  private long regclass(String name) {
    List<String> parts = identifierParts(name);
    if (parts.size() == 1 || parts.size() == 2 && parts.get(0).equals(PgCatalogSchema.NAME)) {
      Long system = PgCatalogSchema.TABLE_OIDS.get(parts.get(parts.size() - 1));
      if (system != null) {
        return system;
      }
    }
    if (catalog != null) {
      PgObjects objects = catalog.objects();
      String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : settings.schema();
      var relation = objects.relation(schema, parts.get(parts.size() - 1));
      if (relation.isPresent()) {
        return relation.get().oid();
      }
    }
    throw new PgProtocolException(
        "42P01",
        "relation \""
            + name
            + "\" does not exist; name it as"
            + " \"schema\".\"table\" (the schemas are the bucket's folders)");
  }

  /** {@code a."B".c} as PostgreSQL splits it: unquoted parts lower-cased, quoted ones kept. */
  static List<String> identifierParts(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(quoted ? c : Character.toLowerCase(c));
      }
    }
    parts.add(part.toString().strip());
    return parts;
  }

  /**
   * Replaces each match of {@code pattern} that starts outside quotes and comments (or starts a
   * literal).
   */
  private static String replace(
      String sql, Pattern pattern, Function<Matcher, String> replacement) {
    boolean[] code = code(sql);
    Matcher m = pattern.matcher(sql);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (!code[m.start()] && !literalStart(sql, m.start())) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(sql.length());
      }
      out.append(sql, last, m.start()).append(replacement.apply(m));
      last = m.end();
    }
    return out == null ? sql : out.append(sql, last, sql.length()).toString();
  }

  /** Whether a string literal starts at {@code index}. */
  private static boolean literalStart(String sql, int index) {
    int i = 0;
    while (i < index) {
      i = PgSql.skip(sql, i);
    }
    return i == index && sql.charAt(index) == '\'';
  }

  /** For each character, whether it is outside quotes, quoted identifiers and comments. */
  private static boolean[] code(String sql) {
    boolean[] code = new boolean[sql.length()];
    int i = 0;
    while (i < sql.length()) {
      int next = PgSql.skip(sql, i);
      char c = sql.charAt(i);
      boolean plain = next == i + 1 && c != '\'' && c != '"';
      for (int j = i; j < next; j++) {
        code[j] = plain;
      }
      i = next;
    }
    return code;
  }

  /**
   * Rewrites {@link #CALL}'s functions, whose arguments are read up to the matching parenthesis.
   */
  private String calls(String sql) {
    String out = sql;
    for (int guard = 0; guard < 100; guard++) {
      Matcher m = firstInCode(CALL, out, code(out), 0);
      if (m == null) {
        return out;
      }
      int start = m.start();
      List<String> args = new ArrayList<>();
      int end = arguments(out, m.end(), args);
      out =
          out.substring(0, start)
              + call(m.group(1).toLowerCase(Locale.ROOT), args)
              + out.substring(end);
    }
    return out;
  }

  /**
   * {@code CAST(name AS regclass)} becomes a lookup of the computed name in the statement's catalog
   * (a literal {@code 'name'::regclass} is looked up once, above).
   */
  private String regclassCasts(String sql) {
    String out = sql;
    int from = 0;
    for (int guard = 0; guard < 100; guard++) {
      Matcher m = firstInCode(CAST_CALL, out, code(out), from);
      if (m == null) {
        return out;
      }
      int start = m.start();
      List<String> args = new ArrayList<>();
      int end = arguments(out, m.end(), args);
      Matcher regclass = args.size() == 1 ? AS_REGCLASS.matcher(args.get(0)) : null;
      if (regclass == null || !regclass.matches()) {
        from = m.end();
        continue;
      }
      String replacement =
          REGCLASS_FUNCTION + "(" + regclass.group(1) + ", " + text(settings.schema()) + ")";
      out = out.substring(0, start) + replacement + out.substring(end);
      from = start;
    }
    return out;
  }

  /**
   * {@code FROM generate_series(a, b) s} becomes {@code FROM TABLE(generate_series(a, b)) AS s(s)}:
   * PostgreSQL names the one column after the alias when no column alias is given.
   */
  private static String series(String sql) {
    String out = sql;
    int from = 0;
    for (int guard = 0; guard < 100; guard++) {
      Matcher m = firstInCode(SERIES, out, code(out), from);
      if (m == null) {
        return out;
      }
      int start = m.start();
      List<String> args = new ArrayList<>();
      int end = arguments(out, m.end(), args);
      String alias = "generate_series";
      String column = null;
      Matcher a = SERIES_ALIAS.matcher(out).region(end, out.length());
      if (a.lookingAt()) {
        alias = a.group(1);
        column = a.group(2);
        end = a.end();
      }
      String replacement =
          m.group(1)
              + " TABLE(generate_series("
              + String.join(", ", args)
              + ")) AS "
              + alias
              + "("
              + (column != null ? column : alias)
              + ")";
      out = out.substring(0, start) + replacement + out.substring(end);
      from = start + replacement.length();
    }
    return out;
  }

  /**
   * {@code f(...)::type} becomes {@code CAST(f(...) AS type)}: the engine's parser binds a {@code
   * ::} after a call more loosely than PostgreSQL ({@code a AND b = f(x)::oid} cast the whole
   * condition).
   */
  private static String callCasts(String sql) {
    String out = sql;
    for (int guard = 0; guard < 100; guard++) {
      boolean[] code = code(out);
      Matcher m = firstInCode(CALL_CAST, out, code, 0);
      if (m == null) {
        return out;
      }
      int close = m.start();
      int open = openingParenthesis(out, code, close);
      if (open < 0) {
        return out;
      }
      int start = open;
      while (start > 0
          && (Character.isLetterOrDigit(out.charAt(start - 1))
              || out.charAt(start - 1) == '_'
              || out.charAt(start - 1) == '.'
              || out.charAt(start - 1) == '$')) {
        start--;
      }
      out =
          out.substring(0, start)
              + "CAST("
              + out.substring(start, close + 1)
              + " AS "
              + m.group(1)
              + ")"
              + out.substring(m.end());
    }
    return out;
  }

  /**
   * The first match of {@code pattern} in {@code sql} at or after {@code from} that starts in code
   * (per {@code code}: not inside a literal, quoted name or comment), or null.
   */
  private static Matcher firstInCode(Pattern pattern, String sql, boolean[] code, int from) {
    Matcher m = pattern.matcher(sql);
    int at = from;
    while (m.find(at)) {
      if (code[m.start()]) {
        return m;
      }
      at = m.end();
    }
    return null;
  }

  /** The index of the '(' that the ')' at {@code close} closes, or -1. */
  private static int openingParenthesis(String sql, boolean[] code, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      if (!code[i]) {
        continue;
      }
      char c = sql.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads comma-separated arguments from {@code i} (after the opening parenthesis); returns the
   * index after ')'.
   */
  private static int arguments(String sql, int i, List<String> args) {
    int depth = 0;
    int from = i;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ')') {
        args.add(sql.substring(from, i).strip());
        return i + 1;
      } else if (c == ',' && depth == 0) {
        args.add(sql.substring(from, i).strip());
        from = i + 1;
      }
      i = PgSql.skip(sql, i);
    }
    throw new PgProtocolException("42601", "syntax error: a call has no closing parenthesis");
  }

  private String call(String name, List<String> args) {
    String alias = "bucketsql_pg" + (++aliases);
    switch (name) {
      case "col_description" -> {
        if (args.size() != 2) {
          throw new PgProtocolException(
              "42883", "function col_description takes 2 arguments, not " + args.size());
        }
        return COL_DESCRIPTION_FUNCTION + "(" + args.get(0) + ", " + args.get(1) + ")";
      }
      case "obj_description" -> {
        if (args.isEmpty() || args.size() > 2) {
          throw new PgProtocolException(
              "42883", "function " + name + " takes 1 or 2 arguments, not " + args.size());
        }
        String kind = args.size() == 2 ? " AND (" + args.get(1) + ") = 'pg_class'" : "";
        return "(SELECT MAX("
            + alias
            + ".description) FROM pg_catalog.pg_description "
            + alias
            + " WHERE "
            + alias
            + ".objoid = ("
            + args.get(0)
            + ") AND "
            + alias
            + ".objsubid = 0"
            + kind
            + ")";
      }
      default -> {
        if (args.size() != 1) {
          throw new PgProtocolException(
              "42883", "function pg_table_is_visible takes 1 argument, not " + args.size());
        }
        long namespace =
            catalog == null
                ? -1
                : catalog
                    .objects()
                    .namespace(settings.schema())
                    .map(PgObjects.Namespace::oid)
                    .orElse(-1L);
        return "(("
            + args.get(0)
            + ") IN (SELECT "
            + alias
            + ".oid FROM pg_catalog.pg_class "
            + alias
            + " WHERE "
            + alias
            + ".relnamespace = "
            + namespace
            + "))";
      }
    }
  }
}
