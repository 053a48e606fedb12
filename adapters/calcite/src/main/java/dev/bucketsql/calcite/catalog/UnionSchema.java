package dev.bucketsql.calcite.catalog;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines the schemas of a table's files by column name (ignoring case): columns in order of first
 * appearance, a column missing from some file nullable (those rows read NULL), and types widened
 * where no value changes (integers to the widest integer, integers and floats to DOUBLE, decimals
 * to a precision and scale holding both). Any other disagreement is a {@link FormatException}
 * naming both files and the column.
 */
final class UnionSchema {
  private UnionSchema() {}

  /**
   * The combined file columns of {@code schemas} (one per key, in key order), leaving out columns
   * named like a partition column.
   */
  static List<Column> combine(
      String table, List<String> keys, List<TableSchema> schemas, List<String> partitionNames) {
    Map<String, Column> columns = new LinkedHashMap<>();
    Map<String, String> firstKey = new LinkedHashMap<>();
    Map<String, Integer> seenIn = new LinkedHashMap<>();
    for (String p : partitionNames) {
      firstKey.put(lower(p), "the key path");
    }
    for (int f = 0; f < schemas.size(); f++) {
      for (Column c : schemas.get(f).columns()) {
        String name = lower(c.name());
        if (partitionNames.stream().anyMatch(p -> lower(p).equals(name))) {
          continue;
        }
        Column previous = columns.get(name);
        if (previous == null) {
          columns.put(name, c);
          firstKey.put(name, keys.get(f));
        } else {
          Column wider = widen(previous, c);
          if (wider == null) {
            throw new FormatException(
                "table '"
                    + table
                    + "': column '"
                    + previous.name()
                    + "' is "
                    + describe(previous)
                    + " in '"
                    + firstKey.get(name)
                    + "' but "
                    + describe(c)
                    + " in '"
                    + keys.get(f)
                    + "'; make the files agree on the type, or query one file by its key, e.g."
                    + " SELECT * FROM \""
                    + keys.get(f)
                    + "\"");
          }
          columns.put(name, wider);
        }
        seenIn.merge(name, 1, Integer::sum);
      }
    }
    List<Column> result = new ArrayList<>();
    for (Map.Entry<String, Column> e : columns.entrySet()) {
      Column c = e.getValue();
      boolean everywhere = seenIn.get(e.getKey()) == schemas.size();
      result.add(c.withNullable(c.nullable() || !everywhere));
    }
    return result;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String describe(Column c) {
    if (c.type() == ColumnType.DECIMAL) {
      return "DECIMAL(" + c.precision() + ", " + c.scale() + ")";
    }
    return c.typeName();
  }

  /** The type both columns' values fit without change, or null when there is none. */
  static Column widen(Column a, Column b) {
    boolean nullable = a.nullable() || b.nullable();
    ColumnType ta = a.type();
    ColumnType tb = b.type();
    if (ta == tb) {
      return switch (ta) {
        case VARCHAR, VARBINARY ->
            new Column(
                a.name(),
                ta,
                nullable,
                a.precision() < 0 || b.precision() < 0
                    ? -1
                    : Math.max(a.precision(), b.precision()),
                0);
        case DECIMAL -> {
          int scale = Math.max(a.scale(), b.scale());
          int integer = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
          yield new Column(a.name(), ta, nullable, Math.min(38, integer + scale), scale);
        }
        // Nested columns combine only when their element, key, value or field types agree.
        case ARRAY, MAP, ROW -> a.children().equals(b.children()) ? a.withNullable(nullable) : null;
        default -> new Column(a.name(), ta, nullable, a.precision(), a.scale());
      };
    }
    int ra = integerRank(ta);
    int rb = integerRank(tb);
    if (ra >= 0 && rb >= 0) {
      return new Column(a.name(), ra >= rb ? ta : tb, nullable, -1, 0);
    }
    boolean numeric = (ra >= 0 || isFloat(ta)) && (rb >= 0 || isFloat(tb));
    if (numeric) {
      return new Column(a.name(), ColumnType.DOUBLE, nullable, -1, 0);
    }
    return null;
  }

  private static int integerRank(ColumnType t) {
    return switch (t) {
      case TINYINT -> 0;
      case SMALLINT -> 1;
      case INTEGER -> 2;
      case BIGINT -> 3;
      default -> -1;
    };
  }

  private static boolean isFloat(ColumnType t) {
    return t == ColumnType.REAL || t == ColumnType.DOUBLE;
  }

  /** {@code value} of a file column converted to the combined column's type. */
  static Object convert(Object value, ColumnType to) {
    if (!(value instanceof Number n)) {
      return value;
    }
    return switch (to) {
      case TINYINT -> n.byteValue();
      case SMALLINT -> n.shortValue();
      case INTEGER -> n.intValue();
      case BIGINT -> n.longValue();
      case DOUBLE -> n.doubleValue();
      case REAL -> n.floatValue();
      default -> value;
    };
  }
}
