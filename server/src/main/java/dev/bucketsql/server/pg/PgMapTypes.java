package dev.bucketsql.server.pg;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * The key and value types of a map, read from the type name the engine's metadata gives it ({@code
 * (VARCHAR NOT NULL, DATE) MAP}): Avatica has no map type, so a map column's type is a scalar
 * {@code OTHER} with that name. The JSON writer needs them where a value's Java object does not say
 * its SQL type: a date or timestamp held as a number, a struct held as a list of its field values
 * (whose names only the type gives).
 */
final class PgMapTypes {
  private PgMapTypes() {}

  /**
   * The key ({@code 0}) or value ({@code 1}) type of map type {@code type}; null when {@code type}
   * is not a map's or the part's type needs none (its Java object says what it is).
   */
  static ColumnMetaData.AvaticaType part(ColumnMetaData.AvaticaType type, int part)
      throws SQLException {
    if (type == null || !PgType.isMapTypeName(type.name)) {
      return null;
    }
    String name = type.name.strip();
    String inside = name.substring(name.indexOf('(') + 1, name.lastIndexOf(')'));
    int comma = topLevelComma(inside);
    if (comma < 0) {
      return null;
    }
    String partName =
        (part == 0 ? inside.substring(0, comma) : inside.substring(comma + 1)).strip();
    return typeOf(partName.replaceAll("(?i)\\s+NOT NULL$", "").strip());
  }

  private static ColumnMetaData.AvaticaType typeOf(String name) throws SQLException {
    if (name.startsWith("RecordType(") && name.endsWith(")")) {
      return struct(name);
    }
    if (PgType.isMapTypeName(name)) {
      return ColumnMetaData.scalar(Types.OTHER, name, ColumnMetaData.Rep.OBJECT); // a map of maps
    }
    if (name.toUpperCase(Locale.ROOT).endsWith(" ARRAY")) { // a map of lists: the element's type
      ColumnMetaData.AvaticaType element =
          typeOf(
              name.substring(0, name.length() - " ARRAY".length())
                  .replaceAll("(?i)\\s+NOT NULL$", "")
                  .strip());
      return element == null ? null : ColumnMetaData.array(element, name, ColumnMetaData.Rep.ARRAY);
    }
    String base = name.replaceAll("\\(.*\\)", "").strip().toUpperCase(Locale.ROOT);
    int jdbcType =
        switch (base) {
          case "DATE" -> Types.DATE;
          case "TIME" -> Types.TIME;
          case "TIMESTAMP" -> Types.TIMESTAMP;
          default -> Types.OTHER;
        };
    return jdbcType == Types.OTHER
        ? null
        : ColumnMetaData.scalar(jdbcType, base, ColumnMetaData.Rep.OBJECT);
  }

  /**
   * A struct's type from its name, {@code RecordType(DATE NOT NULL EXPR$0, INTEGER n)}: its fields'
   * names and types, so that JSON names the fields and writes a date as a date. A name this cannot
   * read is refused rather than guessed at.
   */
  private static ColumnMetaData.AvaticaType struct(String name) throws SQLException {
    String inside = name.substring("RecordType(".length(), name.length() - 1);
    List<ColumnMetaData> columns = new ArrayList<>();
    while (!inside.isBlank()) {
      int comma = topLevelComma(inside);
      String field = (comma < 0 ? inside : inside.substring(0, comma)).strip();
      inside = comma < 0 ? "" : inside.substring(comma + 1);
      int space = field.lastIndexOf(' ');
      String fieldName = space < 0 ? "" : field.substring(space + 1);
      if (!fieldName.matches("[A-Za-z_$][\\w$]*")) {
        throw new SQLException(
            "Cannot send a map whose values are structs of type "
                + name
                + " as json: a field name is not a plain identifier; select the map's values"
                + " and their fields instead",
            "0A000");
      }
      String fieldType = field.substring(0, space).replaceAll("(?i)\\s+NOT NULL$", "").strip();
      ColumnMetaData.AvaticaType type = typeOf(fieldType);
      columns.add(
          new ColumnMetaData(
              columns.size(),
              false,
              true,
              false,
              false,
              ResultSetMetaData.columnNullableUnknown,
              true,
              -1,
              fieldName,
              fieldName,
              null,
              -1,
              -1,
              null,
              null,
              type == null
                  ? ColumnMetaData.scalar(Types.OTHER, fieldType, ColumnMetaData.Rep.OBJECT)
                  : type,
              true,
              false,
              false,
              Object.class.getName()));
    }
    return ColumnMetaData.struct(columns);
  }

  /** The comma between the key's and the value's type, outside any parentheses; -1 if none. */
  private static int topLevelComma(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
