package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** What the translators ask of the engine's numeric types: integer widths and Java's widening. */
final class NumericKinds {
  private NumericKinds() {}

  /**
   * The conversion of Java's widening from {@code from} to {@code to} (int to long, long to
   * double), or null.
   */
  static @Nullable CastKind widening(ColumnType from, ColumnType to) {
    if (from.isInteger() && to.isInteger() && from.integerRank() <= to.integerRank()) {
      return CastKind.WIDEN;
    }
    if (from.isInteger() && to == ColumnType.DOUBLE) {
      return CastKind.LONG_TO_DOUBLE;
    }
    if (from == ColumnType.REAL && to == ColumnType.DOUBLE) {
      return CastKind.REAL_TO_DOUBLE;
    }
    return null;
  }

  static boolean floating(RexNode node) {
    ColumnType t = EngineTypes.of(node.getType());
    return t == ColumnType.DOUBLE || t == ColumnType.REAL;
  }
}
