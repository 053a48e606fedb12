package dev.bucketsql.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables the generator draws from, with their columns typed as DuckDB reads them (the oracle's
 * view of the files; where BucketSQL infers another type, queries show it).
 */
final class FuzzSchema {
  /** Sample-data join keys: pairs of table.column that hold the same ids. */
  static final List<String[]> KEY_PAIRS =
      List.of(
          new String[] {"RAW_interactions.recipe_id", "RAW_recipes.id"},
          new String[] {"RAW_interactions_clean.recipe_id", "RAW_recipes_clean.id"},
          new String[] {"RAW_interactions_clean.recipe_id", "RAW_recipes.id"},
          new String[] {"interactions_train.recipe_id", "PP_recipes.id"},
          new String[] {"interactions_test.user_id", "RAW_interactions.user_id"},
          new String[] {"RAW_recipes_clean.id", "PP_recipes.id"},
          new String[] {"interactions_validation.u", "PP_users.u"});

  /** A column: its name and type class. */
  record Column(String name, TypeClass type) {}

  /** A table: its name, whether it is one of the small edge-case tables, its columns. */
  record Table(String name, boolean small, List<Column> columns) {}

  private static final Set<String> SMALL = Set.of("edge", "edge_p", "jl", "jr", "jl_p", "jr_p");

  private final List<Table> tables;

  private FuzzSchema(List<Table> tables) {
    this.tables = List.copyOf(tables);
  }

  /** The tables of {@code names} as DuckDB describes them. */
  static FuzzSchema describe(Connection duck, List<String> names) throws SQLException {
    List<Table> tables = new ArrayList<>();
    try (Statement s = duck.createStatement()) {
      for (String name : names) {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE \"" + name + "\"")) {
          while (rs.next()) {
            TypeClass type = parse(rs.getString(2));
            if (type != TypeClass.OTHER) {
              columns.add(new Column(rs.getString(1), type));
            }
          }
        }
        tables.add(new Table(name, SMALL.contains(name), columns));
      }
    }
    return new FuzzSchema(tables);
  }

  static TypeClass parse(String duckType) {
    String t = duckType.toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL")) {
      return TypeClass.DECIMAL;
    }
    return switch (t) {
      case "INTEGER", "SMALLINT", "TINYINT" -> TypeClass.INTEGER;
      case "BIGINT" -> TypeClass.BIGINT;
      case "DOUBLE", "FLOAT" -> TypeClass.DOUBLE;
      case "VARCHAR" -> TypeClass.VARCHAR;
      case "DATE" -> TypeClass.DATE;
      case "TIMESTAMP" -> TypeClass.TIMESTAMP;
      case "BOOLEAN" -> TypeClass.BOOLEAN;
      default -> TypeClass.OTHER;
    };
  }

  List<Table> tables() {
    return tables;
  }

  Table table(String name) {
    for (Table t : tables) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no table " + name);
  }
}
