package dev.bucketsql.calcite.run;

import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The engine's {@link ColumnType} of a Calcite type, for the types whose Java representation in
 * Calcite's enumerable rows is exactly the engine's (so rows cross the boundary unconverted).
 */
final class EngineTypes {
  private EngineTypes() {}

  /** The column type of {@code type}, or null when the engine does not carry it as Calcite does. */
  static @Nullable ColumnType of(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case TINYINT -> ColumnType.TINYINT;
      case SMALLINT -> ColumnType.SMALLINT;
      case INTEGER -> ColumnType.INTEGER;
      case BIGINT -> ColumnType.BIGINT;
      case REAL -> ColumnType.REAL;
      case FLOAT, DOUBLE -> ColumnType.DOUBLE;
      case DECIMAL -> ColumnType.DECIMAL;
      case CHAR, VARCHAR -> ColumnType.VARCHAR;
      case DATE -> ColumnType.DATE;
      case TIME -> ColumnType.TIME;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      // BINARY is a ByteString in Calcite's rows, a byte[] in the engine's; the rest are nested
      default -> null;
    };
  }

  /** The column types of {@code rowType}'s fields, or null when one has none. */
  static @Nullable List<ColumnType> of(List<RelDataTypeField> fields) {
    List<ColumnType> types = new ArrayList<>();
    for (RelDataTypeField f : fields) {
      ColumnType t = of(f.getType());
      if (t == null) {
        return null;
      }
      types.add(t);
    }
    return types;
  }

  /** Whether {@code type} can be a hash or sort key (not nested). */
  static boolean comparable(ColumnType type) {
    return !type.isNested();
  }
}
