package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlItemOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's subscript of a struct by field name, {@code s['f']}, run as the field access {@code
 * s.f}: same value, same type, NULL for a NULL struct; it nests ({@code s['a']['b']}) and mixes
 * with dots ({@code s['a'].b}). Calcite types such a subscript but converts it to an {@code ITEM}
 * call whose generated code cannot read our {@code Object[]} structs (it looks the field up at
 * index -1); only {@code s[1]} becomes a field access.
 *
 * <p>Before validation, {@link #rewrite} gives every subscript by a string literal this operator,
 * which types it exactly as the standard {@code ITEM} unless the value is a struct. For a struct,
 * the field is found as {@code s.f} finds it (the connection's name matcher: without regard to case
 * in BucketSQL), and an unknown name fails naming the field and the struct's fields; the conversion
 * to relational algebra ({@link #convert}) then makes a field access. Lists and maps ({@code
 * m['k']}) become the standard {@code ITEM} call, as before.
 */
final class StructFieldSubscript extends SqlItemOperator {
  // before INSTANCE, whose constructor reads it
  private static final SqlItemOperator ITEM = (SqlItemOperator) SqlStdOperatorTable.ITEM;
  private static final int MAX_FIELDS_NAMED = 20;

  /** The one instance; calls of the standard subscript get it in {@link #rewrite}. */
  static final StructFieldSubscript INSTANCE = new StructFieldSubscript();

  private StructFieldSubscript() {
    super(ITEM.getName(), ITEM.getOperandTypeChecker(), ITEM.offset, ITEM.safe);
  }

  /**
   * Gives every {@code x['literal']} in {@code node} this operator, in place; returns {@code node}.
   */
  static SqlNode rewrite(SqlNode node) {
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call.getOperator() == ITEM
                && call instanceof SqlBasicCall basic
                && call.operand(1) instanceof SqlCharStringLiteral) {
              basic.setOperator(INSTANCE);
            }
            return super.visit(call);
          }
        });
    return node;
  }

  /**
   * As Calcite derives an operator's type, without first looking the operator up again by name and
   * syntax: that lookup would put the standard subscript back on the call.
   */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    RelDataType type = validateOperands(validator, scope, call);
    SqlValidatorUtil.checkCharsetAndCollateConsistentIfCharType(type);
    return type;
  }

  /**
   * Calcite's checks, except that a struct's field is looked up as {@code s.f} looks it up, and an
   * unknown one is reported with the struct's fields.
   */
  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    RelDataType struct = binding.getOperandType(0);
    if (struct.getSqlTypeName() != SqlTypeName.ROW) {
      return super.checkOperandTypes(binding, throwOnFailure);
    }
    if (field(binding, struct) != null) {
      return true;
    }
    if (throwOnFailure) {
      throw unknownField(binding.operand(1), binding.operand(0), struct);
    }
    return false;
  }

  @Override
  public RelDataType inferReturnType(SqlOperatorBinding binding) {
    RelDataType struct = binding.getOperandType(0);
    if (struct.getSqlTypeName() != SqlTypeName.ROW || !(binding instanceof SqlCallBinding call)) {
      return super.inferReturnType(binding);
    }
    RelDataTypeField field = field(call, struct);
    if (field == null) {
      throw unknownField(call.operand(1), call.operand(0), struct);
    }
    RelDataType type = field.getType();
    // as the field access this becomes: NULL where the struct is NULL
    return struct.isNullable()
        ? binding.getTypeFactory().createTypeWithNullability(type, true)
        : type;
  }

  /** The field of {@code struct} the call names, found as the validator finds {@code s.f}. */
  private static @Nullable RelDataTypeField field(SqlCallBinding call, RelDataType struct) {
    return call.getValidator()
        .getCatalogReader()
        .nameMatcher()
        .field(struct, fieldName(call.operand(1)));
  }

  /**
   * A call of this operator as relational algebra: a field access on a struct, Calcite's own {@code
   * ITEM} call on anything else.
   */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexNode value = cx.convertExpression(call.operand(0));
    if (value.getType().getSqlTypeName() == SqlTypeName.ROW) {
      String name = fieldName(call.operand(1));
      RelDataTypeField field =
          requireNonNull(
              cx.getValidator().getCatalogReader().nameMatcher().field(value.getType(), name),
              () -> "field " + name + " of " + value.getType() + " passed validation but is gone");
      return cx.getRexBuilder().makeFieldAccess(value, field.getIndex());
    }
    RexNode index = cx.convertExpression(call.operand(1));
    return cx.getRexBuilder().makeCall(call.getParserPosition(), ITEM, List.of(value, index));
  }

  private static String fieldName(SqlNode index) {
    return requireNonNull(
        ((SqlCharStringLiteral) index).getValueAs(String.class), "field name is null");
  }

  private static CalciteContextException unknownField(
      SqlNode index, SqlNode structNode, RelDataType struct) {
    List<RelDataTypeField> fields = struct.getFieldList();
    String names =
        fields.stream()
            .limit(MAX_FIELDS_NAMED)
            .map(RelDataTypeField::getName)
            .collect(Collectors.joining(", "));
    if (fields.size() > MAX_FIELDS_NAMED) {
      names += ", ... (" + fields.size() + " in all)";
    }
    return QuantileArguments.error(
        index,
        "Field '"
            + fieldName(index)
            + "' not found in struct"
            + describe(structNode)
            + "; its fields are: "
            + names);
  }

  /**
   * The struct as users wrote it, {@code r.author}, {@code r.author['a']}, {@code r.author['a'].b},
   * with a leading space; empty for other expressions (a subquery, a function call), which would
   * not fit on one line.
   */
  private static String describe(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return " " + String.join(".", id.names);
    }
    if (node instanceof SqlCall call
        && (call.getOperator() == INSTANCE || call.getKind() == SqlKind.DOT)) {
      String struct = describe(call.operand(0));
      if (struct.isEmpty()) {
        return struct;
      }
      return call.getOperator() == INSTANCE
          ? struct + "['" + fieldName(call.operand(1)) + "']"
          : struct + "." + call.operand(1);
    }
    return "";
  }
}
