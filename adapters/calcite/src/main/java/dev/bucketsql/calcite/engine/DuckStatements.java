package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.calcite.meta.CatalogRows;
import dev.bucketsql.calcite.meta.DuckTypes;
import dev.bucketsql.format.SqlStateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's catalog statements, answered as queries: {@code DESCRIBE t}, {@code DESCRIBE SELECT ...}
 * and {@code SHOW t} (DuckDB's columns: column_name, column_type, null, key, default, extra, with
 * DuckDB's type names), {@code SHOW TABLES}, {@code SHOW ALL TABLES}, {@code SHOW SCHEMAS}, {@code
 * USE schema}, which changes the connection's default schema, and {@code SUMMARIZE t} or {@code
 * SUMMARIZE SELECT ...} ({@link DuckSummarize}).
 *
 * <p>Each becomes a plain query before the parser (over {@code information_schema}, or the rows
 * themselves as {@code VALUES}), so it runs through the same engine, driver and remote server as
 * any query, and its result set has DuckDB's column names.
 */
final class DuckStatements {
  private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

  private DuckStatements() {}

  /**
   * What to prepare instead of {@code sql}: a query, or {@link #NO_RESULT} after a {@code USE};
   * null when {@code sql} is not one of these statements.
   *
   * @param rowTypeOf prepares a query and returns its row type (for DESCRIBE)
   */
  static @Nullable String instead(
      String sql, CalcitePrepare.Context context, Function<String, RelDataType> rowTypeOf) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).text().equals(";")) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    if (tokens.isEmpty() || tokens.get(0).kind() != Kind.WORD) {
      return null;
    }
    String first = tokens.get(0).upper();
    String second =
        tokens.size() > 1 && tokens.get(1).kind() == Kind.WORD ? tokens.get(1).upper() : "";
    String current = current(context);
    switch (first) {
      case "DESCRIBE", "DESC" -> {
        if (tokens.size() < 2) {
          return showAllTables(context);
        }
        return describe(rest(sql, tokens, 1), tokens.get(1), rowTypeOf);
      }
      case "SHOW" -> {
        if (tokens.size() == 2 && second.equals("TABLES")) {
          return "SELECT table_name AS name FROM information_schema.\"tables\" WHERE table_schema = "
              + literal(current)
              + " ORDER BY table_name";
        }
        if (tokens.size() == 3 && second.equals("ALL") && tokens.get(2).upper().equals("TABLES")) {
          return showAllTables(context);
        }
        if (tokens.size() == 2 && (second.equals("SCHEMAS") || second.equals("DATABASES"))) {
          return "SELECT catalog_name AS database_name, schema_name, schema_name = "
              + literal(current)
              + " AS \"current\" FROM information_schema.schemata ORDER BY schema_name";
        }
        if (tokens.size() < 2) {
          throw new SqlStateException(
              "42601", "SHOW takes TABLES, ALL TABLES, SCHEMAS or a table name, e.g. SHOW TABLES");
        }
        return describe(rest(sql, tokens, 1), tokens.get(1), rowTypeOf);
      }
      case "SUMMARIZE" -> {
        if (tokens.size() < 2) {
          throw new SqlStateException(
              "42601", "SUMMARIZE takes a table or a query, e.g. SUMMARIZE " + current);
        }
        return summarize(rest(sql, tokens, 1), tokens.get(1), rowTypeOf);
      }
      case "USE" -> {
        if (tokens.size() < 2) {
          throw new SqlStateException("42601", "USE takes a schema name, e.g. USE " + current);
        }
        use(context, tokens.subList(1, tokens.size()));
        return NO_RESULT;
      }
      default -> {
        return null;
      }
    }
  }

  /** Marks a statement that ran while prepared and returns no result set (a {@code USE}). */
  static final String NO_RESULT = "-- no result";

  /** The signature of a statement that ran while it was prepared and returns nothing. */
  static <T> CalcitePrepare.CalciteSignature<T> noResult(String sql) {
    return new CalcitePrepare.CalciteSignature<>(
        sql,
        List.of(),
        java.util.Map.of(),
        null,
        List.of(),
        org.apache.calcite.avatica.Meta.CursorFactory.OBJECT,
        null,
        List.of(),
        -1,
        null,
        org.apache.calcite.avatica.Meta.StatementType.OTHER_DDL);
  }

  private static String rest(String sql, List<Token> tokens, int from) {
    Token last = tokens.get(tokens.size() - 1);
    return sql.substring(tokens.get(from).start(), last.start() + last.text().length());
  }

  private static String current(CalcitePrepare.Context context) {
    List<String> path = context.getDefaultSchemaPath();
    return path.isEmpty() ? "" : path.get(path.size() - 1);
  }

  private static String describe(
      String target, Token first, Function<String, RelDataType> rowTypeOf) {
    boolean query =
        (first.kind() == Kind.WORD
                && QUERY_STARTS.contains(first.upper())
                && !first.upper().equals("TABLE"))
            || first.text().equals("(");
    if (first.kind() == Kind.WORD && first.upper().equals("TABLE")) {
      target = target.substring(first.text().length()).strip();
    }
    RelDataType rowType = rowTypeOf.apply(query ? target : "SELECT * FROM " + target);
    List<String> rows = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      rows.add(
          "("
              + varchar(f.getName())
              + ", "
              + varchar(DuckTypes.name(f.getType()))
              + ", "
              + varchar(f.getType().isNullable() ? "YES" : "NO")
              + ", "
              + NULL
              + ", "
              + NULL
              + ", "
              + NULL
              + ")");
    }
    return "SELECT * FROM (VALUES "
        + String.join(", ", rows)
        + ") AS t(column_name, column_type, \"null\", \"key\", \"default\", extra)";
  }

  private static String summarize(
      String target, Token first, Function<String, RelDataType> rowTypeOf) {
    boolean query =
        first.kind() == Kind.WORD
            && QUERY_STARTS.contains(first.upper())
            && !first.upper().equals("TABLE");
    if (first.kind() == Kind.WORD && first.upper().equals("TABLE")) {
      target = target.substring(first.text().length()).strip();
    }
    RelDataType rowType = rowTypeOf.apply(query ? target : "SELECT * FROM " + target);
    return DuckSummarize.query(target, query, rowType);
  }

  private static final String NULL = "CAST(NULL AS VARCHAR)";

  /** DuckDB's SHOW ALL TABLES: database, schema, name, column_names, column_types, temporary. */
  private static String showAllTables(CalcitePrepare.Context context) {
    SchemaPlus root = context.getRootSchema().plus();
    String catalog = current(context);
    List<String> rows = new ArrayList<>();
    for (CatalogRows.TableRow t : CatalogRows.tables(root)) {
      RelDataType rowType = t.rowType(context.getTypeFactory());
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      if (rowType != null) {
        for (RelDataTypeField f : rowType.getFieldList()) {
          names.add(varchar(f.getName()));
          types.add(varchar(DuckTypes.name(f.getType())));
        }
      }
      rows.add(
          "("
              + varchar(catalog)
              + ", "
              + varchar(t.schema())
              + ", "
              + varchar(t.name())
              + ", "
              + array(names)
              + ", "
              + array(types)
              + ", FALSE)");
    }
    String columns =
        " AS t(\"database\", \"schema\", name, column_names, column_types, \"temporary\")";
    if (rows.isEmpty()) {
      return "SELECT * FROM (VALUES ("
          + NULL
          + ", "
          + NULL
          + ", "
          + NULL
          + ", "
          + array(List.of())
          + ", "
          + array(List.of())
          + ", FALSE))"
          + columns
          + " WHERE FALSE";
    }
    return "SELECT * FROM (VALUES " + String.join(", ", rows) + ")" + columns;
  }

  private static String array(List<String> values) {
    return values.isEmpty()
        ? "CAST(NULL AS VARCHAR ARRAY)"
        : "ARRAY[" + String.join(", ", values) + "]";
  }

  private static String varchar(String s) {
    return "CAST(" + literal(s) + " AS VARCHAR)";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * Sets the connection's default schema to the one {@code name} (quoted or not, maybe dotted)
   * names.
   */
  private static void use(CalcitePrepare.Context context, List<Token> name) {
    List<String> parts = new ArrayList<>();
    for (Token t : name) {
      if (t.text().equals(".")) {
        continue;
      }
      if (t.kind() == Kind.QUOTED) {
        parts.add(t.text().substring(1, t.text().length() - 1).replace("\"\"", "\""));
      } else if (t.kind() == Kind.WORD || t.kind() == Kind.STRING) {
        parts.add(
            t.kind() == Kind.STRING ? t.text().substring(1, t.text().length() - 1) : t.text());
      } else {
        throw new SqlStateException("42601", "USE takes a schema name, not '" + t.text() + "'");
      }
    }
    String wanted = parts.get(parts.size() - 1);
    List<String> schemas = CatalogRows.schemas(context.getRootSchema().plus());
    String found = schemas.contains(wanted) ? wanted : null;
    for (String s : schemas) {
      if (found == null && s.equalsIgnoreCase(wanted)) {
        found = s;
      }
    }
    if (found == null) {
      throw new SqlStateException(
          "3F000", // invalid_schema_name
          "USE: no schema '"
              + wanted
              + "'; the schemas are "
              + schemas
              + " (SHOW SCHEMAS lists them)");
    }
    if (!(context.getDataContext().getQueryProvider() instanceof CalciteConnection connection)) {
      throw new IllegalStateException("USE: no connection to change");
    }
    try {
      connection.setSchema(found);
    } catch (SQLException e) {
      throw new IllegalStateException("USE " + found + ": " + e.getMessage(), e);
    }
  }
}
