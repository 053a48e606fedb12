package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Casts to lists and list subscripts as DuckDB runs them, in place of Calcite's conversions: {@code
 * CAST(text AS INTEGER[])} reads the list text ({@link ListText}; Calcite validates that cast but
 * has no code for it), and {@code l[i]} over a list counts from the end when {@code i} is negative
 * ({@link ListFunctions#extract}; Calcite's gives NULL).
 */
final class ListCasts {
  private static final SqlUserDefinedFunction CAST = function("cast_list", "cast");
  private static final SqlUserDefinedFunction TRY_CAST = function("try_cast_list", "tryCast");

  private ListCasts() {}

  /**
   * {@code converted}, Calcite's conversion of a cast, as a cast of list text when it casts a
   * string to a list; else null.
   */
  static @Nullable RexNode castText(RexBuilder rexBuilder, RexNode converted, boolean safe) {
    if (!(converted instanceof RexCall call)
        || call.getType().getSqlTypeName() != SqlTypeName.ARRAY
        || call.getOperands().size() != 1) {
      return null;
    }
    RexNode operand = call.getOperands().get(0);
    if (operand.getType().getSqlTypeName() == SqlTypeName.ARRAY
        && !safe
        && elementCast(call.getType())) {
      // DuckDB's list elements may always be NULL: the cast of each element keeps a NULL one
      // (the type stays the validator's: the cast may be one it added inside a list literal)
      return castList(rexBuilder, operand, call.getType());
    }
    if (!SqlTypeUtil.isCharacter(operand.getType())) {
      return null;
    }
    // list text may hold NULL elements ('[NULL, 1]'), whatever the cast's element type says
    RelDataType type =
        rexBuilder
            .getTypeFactory()
            .createTypeWithNullability(
                withNullableElements(rexBuilder.getTypeFactory(), call.getType()),
                operand.getType().isNullable() || safe || call.getType().isNullable());
    return rexBuilder.makeCall(
        type,
        safe ? TRY_CAST : CAST,
        List.of(operand, rexBuilder.makeLiteral(elementName(call.getType().getComponentType()))));
  }

  /**
   * {@code list} cast to the list type {@code type} element by element, a NULL element kept:
   * Calcite's own cast of a list unboxes each element when the element type says NOT NULL, and
   * fails on a NULL one.
   */
  static RexNode castList(RexBuilder rexBuilder, RexNode list, RelDataType type) {
    return rexBuilder.makeCall(
        type, CAST, List.of(list, rexBuilder.makeLiteral(elementName(type.getComponentType()))));
  }

  /**
   * Whether {@link #castList} casts to the list type {@code type}: elements {@link ListText}
   * converts.
   */
  static boolean elementCast(RelDataType type) {
    RelDataType element = type.getComponentType();
    if (element == null) {
      return false;
    }
    return switch (element.getSqlTypeName()) {
      case ARRAY -> elementCast(element);
      case CHAR,
          VARCHAR,
          INTEGER,
          BIGINT,
          SMALLINT,
          TINYINT,
          FLOAT,
          DOUBLE,
          REAL,
          DECIMAL,
          BOOLEAN ->
          true;
      default -> false;
    };
  }

  /**
   * {@code type}, a list type, with elements that may be NULL. Only the outer elements: Calcite's
   * check that conversion kept the validated types ignores nullability there but not deeper.
   */
  static RelDataType withNullableElements(RelDataTypeFactory types, RelDataType type) {
    return types.createTypeWithNullability(
        types.createArrayType(types.createTypeWithNullability(type.getComponentType(), true), -1),
        type.isNullable());
  }

  /** {@code l[i]} over a list as DuckDB's {@code list_extract}; else null. */
  static @Nullable RexNode subscript(RexBuilder rexBuilder, RexNode converted) {
    if (!(converted instanceof RexCall call)
        || call.getKind() != SqlKind.ITEM
        || call.getOperator() != SqlStdOperatorTable.ITEM
        || call.getOperands().get(0).getType().getSqlTypeName() != SqlTypeName.ARRAY) {
      return null;
    }
    return rexBuilder.makeCall(call.getType(), ListOperators.EXTRACT, call.getOperands());
  }

  /** The element type's name as {@link ListText} reads it: {@code INTEGER}, {@code DOUBLE[]}. */
  private static String elementName(RelDataType element) {
    if (element.getSqlTypeName() == SqlTypeName.ARRAY) {
      return elementName(element.getComponentType()) + "[]";
    }
    return switch (element.getSqlTypeName()) {
      case CHAR, VARCHAR -> "VARCHAR";
      case FLOAT, DOUBLE -> "DOUBLE"; // Calcite's FLOAT is a double
      case REAL -> "REAL";
      default -> element.getSqlTypeName().getName();
    };
  }

  private static SqlUserDefinedFunction function(String name, String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(ListText.class, method));
  }
}
