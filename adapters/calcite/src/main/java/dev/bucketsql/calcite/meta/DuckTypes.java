package dev.bucketsql.calcite.meta;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/** DuckDB's name for a column type, as its DESCRIBE and information_schema show it. */
public final class DuckTypes {
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private DuckTypes() {}

  /**
   * {@code BIGINT}, {@code DECIMAL(10,2)}, {@code VARCHAR[]}, {@code STRUCT(a INTEGER, b VARCHAR)},
   * ...
   */
  public static String name(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> "BOOLEAN";
      case TINYINT -> "TINYINT";
      case SMALLINT -> "SMALLINT";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case REAL, FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")";
      case CHAR, VARCHAR -> "VARCHAR";
      case BINARY, VARBINARY -> "BLOB";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH TIME ZONE";
      case ARRAY, MULTISET -> name(type.getComponentType()) + "[]";
      case MAP -> "MAP(" + name(type.getKeyType()) + ", " + name(type.getValueType()) + ")";
      case ROW -> {
        StringBuilder s = new StringBuilder("STRUCT(");
        for (RelDataTypeField f : type.getFieldList()) {
          s.append(f.getIndex() == 0 ? "" : ", ")
              .append(fieldName(f.getName()))
              .append(' ')
              .append(name(f.getType()));
        }
        yield s.append(')').toString();
      }
      case NULL -> "\"NULL\"";
      // DuckDB has one INTERVAL type (months, days and microseconds together)
      case INTERVAL_YEAR,
          INTERVAL_YEAR_MONTH,
          INTERVAL_MONTH,
          INTERVAL_DAY,
          INTERVAL_DAY_HOUR,
          INTERVAL_DAY_MINUTE,
          INTERVAL_DAY_SECOND,
          INTERVAL_HOUR,
          INTERVAL_HOUR_MINUTE,
          INTERVAL_HOUR_SECOND,
          INTERVAL_MINUTE,
          INTERVAL_MINUTE_SECOND,
          INTERVAL_SECOND ->
          "INTERVAL";
      default -> type.getSqlTypeName().getName().toUpperCase(Locale.ROOT);
    };
  }

  private static String fieldName(String name) {
    return PLAIN_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
