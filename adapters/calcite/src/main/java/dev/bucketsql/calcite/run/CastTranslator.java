package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.NumericCasts;
import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Calcite's {@code CAST} and the SQL layer's numeric casts, for {@link ExprTranslator}. */
final class CastTranslator {
  private final ExprTranslator root;
  private final TextTranslator texts;

  CastTranslator(ExprTranslator root, TextTranslator texts) {
    this.root = root;
    this.texts = texts;
  }

  /**
   * Calcite's own {@code CAST} as its code makes it: to the same type (a nullability cast), an
   * integer to a wider integer or to DOUBLE, REAL or a DECIMAL to DOUBLE, an integer or a DECIMAL
   * to {@code DECIMAL(p,s)} (set to the scale, truncated, failing beyond p digits), a DATE to a
   * TIMESTAMP and back, and casts from and to text ({@link TextTranslator}). A cast that only
   * declares its operand NOT NULL (Calcite writes one where it knows the value is not NULL, as in
   * COALESCE's branches) converts as the others.
   */
  @Nullable Maker cast(RexNode operand, RelDataType target) {
    ColumnType from = EngineTypes.of(operand.getType());
    ColumnType to = EngineTypes.of(target);
    if (from == null || to == null) {
      return null;
    }
    Maker m = root.translate(operand);
    if (m == null) {
      return null;
    }
    if (SqlTypeUtil.isCharacter(target)) {
      return texts.toText(operand, m, target);
    }
    if (SqlTypeUtil.isCharacter(operand.getType())) {
      return texts.fromText(operand, m, target, false);
    }
    if (to == ColumnType.DECIMAL) {
      int p = target.getPrecision();
      int s = target.getScale();
      if (s < 0 || p < 1 || s > p) {
        return null;
      }
      CastKind kind =
          from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_DECIMAL_TRUNCATING
              : from.isInteger() ? CastKind.LONG_TO_DECIMAL : null;
      return kind == null ? null : () -> Exprs.cast(m.make(), to, kind, p, s);
    }
    if (from == to) {
      return switch (to) {
        // the same representation: no conversion in Calcite's code either
        case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DOUBLE, DATE -> m;
        // a cast to fewer digits of the second (TIMESTAMP(0)) is Calcite's to truncate
        case TIMESTAMP -> target.getPrecision() >= operand.getType().getPrecision() ? m : null;
        default -> null;
      };
    }
    CastKind kind = NumericKinds.widening(from, to);
    if (kind == null) {
      kind =
          from == ColumnType.DECIMAL && to == ColumnType.DOUBLE
              ? CastKind.DECIMAL_TO_DOUBLE
              : from == ColumnType.DATE && to == ColumnType.TIMESTAMP
                  ? CastKind.DATE_TO_TIMESTAMP
                  : from == ColumnType.TIMESTAMP && to == ColumnType.DATE
                      ? CastKind.TIMESTAMP_TO_DATE
                      : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    return () -> Exprs.cast(m.make(), to, k, 0, 0);
  }

  /**
   * {@code TRY_CAST(operand AS target)} as Calcite's code makes it: of text ({@link
   * TextTranslator}); other TRY_CASTs the SQL layer makes its functions ({@link #numericCast}) or
   * leaves Calcite's.
   */
  @Nullable Maker safeCast(RexNode operand, RelDataType target) {
    if (!SqlTypeUtil.isCharacter(operand.getType()) || EngineTypes.of(operand.getType()) == null) {
      return null;
    }
    Maker m = root.translate(operand);
    return m == null ? null : texts.fromText(operand, m, target, true);
  }

  /** A cast of {@link NumericCasts}: {@code doubleToInteger}, {@code tryDecimalToDecimal}, ... */
  @Nullable Maker numericCast(
      String name, List<RexNode> operands, RelDataType target, ColumnType type) {
    boolean safe = name.startsWith("try");
    String rest = safe ? Character.toLowerCase(name.charAt(3)) + name.substring(4) : name;
    int to = rest.indexOf("To");
    if (to < 0) {
      return null;
    }
    String source = rest.substring(0, to);
    ColumnType from = EngineTypes.of(operands.get(0).getType());
    Maker m = from == null ? null : root.translate(operands.get(0));
    if (m == null) {
      return null;
    }
    CastKind kind;
    int p = 0;
    int s = 0;
    if (type == ColumnType.DECIMAL) {
      if (operands.size() != 3) {
        return null;
      }
      p = target.getPrecision();
      s = target.getScale();
      kind =
          source.equals("decimal") && from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_DECIMAL_ROUNDING
              : source.equals("double") && from == ColumnType.DOUBLE
                  ? CastKind.DOUBLE_TO_DECIMAL
                  : null;
    } else {
      if (operands.size() != 1 || !type.isInteger()) {
        return null;
      }
      kind =
          source.equals("decimal") && from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_LONG
              : source.equals("double") && from == ColumnType.DOUBLE
                  ? CastKind.DOUBLE_TO_LONG
                  : source.equals("long") && from.isInteger() ? CastKind.NARROW : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    int precision = p;
    int scale = s;
    return safe
        ? () -> Exprs.tryCast(m.make(), type, k, precision, scale)
        : () -> Exprs.cast(m.make(), type, k, precision, scale);
  }
}
