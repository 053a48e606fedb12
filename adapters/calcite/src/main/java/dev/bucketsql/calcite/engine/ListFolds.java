package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.NlsString;

/**
 * DuckDB's list aggregates and a few more list functions under their DuckDB names ({@link
 * ListFoldFunctions} computes them): {@code list_sum}, {@code list_min}, {@code list_max}, {@code
 * list_count}, {@code list_avg}, {@code list_aggregate(l, 'sum')} (= {@code list_aggr}, {@code
 * array_aggregate}, {@code array_aggr}: one of those five by name), {@code flatten}, {@code
 * list_position} (= {@code list_indexof}, {@code array_position}, {@code array_indexof}) and {@code
 * array_length(l, 1)}. {@code length(l)} of a list is {@code len(l)} ({@link #retarget}).
 */
final class ListFolds {
  /** {@code list_sum}: DECIMAL(38, s) for integers and decimals, DOUBLE for doubles. */
  private static final SqlReturnTypeInference SUM =
      binding -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType element = binding.getOperandType(0).getComponentType();
        RelDataType type =
            element == null
                ? f.createSqlType(SqlTypeName.DOUBLE)
                : SqlTypeName.APPROX_TYPES.contains(element.getSqlTypeName())
                    ? f.createSqlType(SqlTypeName.DOUBLE)
                    : f.createSqlType(
                        SqlTypeName.DECIMAL,
                        38,
                        element.getSqlTypeName() == SqlTypeName.DECIMAL ? element.getScale() : 0);
        return f.createTypeWithNullability(type, true);
      };

  /** An element of the list, nullable. */
  private static final SqlReturnTypeInference ELEMENT =
      binding -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType element = binding.getOperandType(0).getComponentType();
        return f.createTypeWithNullability(
            element == null ? f.createSqlType(SqlTypeName.ANY) : element, true);
      };

  /** The inner list type of a list of lists. */
  private static final SqlReturnTypeInference INNER =
      binding -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType list = binding.getOperandType(0);
        RelDataType inner = list.getComponentType();
        return f.createTypeWithNullability(inner == null ? list : inner, list.isNullable());
      };

  /** A list whose elements are lists. */
  private static final SqlOperandTypeChecker LIST_OF_LISTS =
      new SqlOperandTypeChecker() {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
          RelDataType element = binding.getOperandType(0).getComponentType();
          if (element != null && element.getSqlTypeName() == SqlTypeName.ARRAY) {
            return true;
          }
          if (throwOnFailure) {
            throw binding.newValidationSignatureError();
          }
          return false;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
          return SqlOperandCountRanges.of(1);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
          return opName + "(<LIST OF LISTS>)";
        }
      };

  /** The list aggregates {@code list_aggregate} names, by the name. */
  private static final Map<String, SqlOperator> BY_NAME = byName();

  /** {@code len(l)}, which {@code length(l)} of a list becomes. */
  private static final SqlOperator LEN =
      function("len", "len", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ARRAY, ListFunctions.class);

  /** Every operator. */
  static final List<SqlOperator> ALL = all();

  private ListFolds() {}

  private static Map<String, SqlOperator> byName() {
    SqlOperandTypeChecker list = OperandTypes.ARRAY;
    return Map.of(
        "sum", function("list_sum", "sum", SUM, list, ListFoldFunctions.class),
        "min", function("list_min", "min", ELEMENT, list, ListFoldFunctions.class),
        "max", function("list_max", "max", ELEMENT, list, ListFoldFunctions.class),
        "count",
            function(
                "list_count", "count", ReturnTypes.BIGINT_NULLABLE, list, ListFoldFunctions.class),
        "avg",
            function(
                "list_avg", "avg", ReturnTypes.DOUBLE_NULLABLE, list, ListFoldFunctions.class));
  }

  private static List<SqlOperator> all() {
    List<SqlOperator> out = new ArrayList<>(BY_NAME.values());
    for (String name :
        List.of("list_aggregate", "list_aggr", "aggregate", "array_aggregate", "array_aggr")) {
      out.add(new ByName(name));
    }
    out.add(function("flatten", "flatten", INNER, LIST_OF_LISTS, ListFoldFunctions.class));
    // the values of list(x) collected as one-element lists (AggregateOrders)
    out.add(
        function(
            AggregateOrders.VALUES,
            "values",
            INNER.andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE),
            LIST_OF_LISTS,
            ListFoldFunctions.class));
    // the values of list(DISTINCT x), each once (AggregateOrders)
    out.add(
        function(
            AggregateOrders.DISTINCT_VALUES,
            "distinctValues",
            INNER.andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE),
            LIST_OF_LISTS,
            ListFoldFunctions.class));
    for (String name :
        List.of("list_position", "list_indexof", "array_position", "array_indexof")) {
      out.add(
          function(
              name,
              "position",
              ReturnTypes.INTEGER.andThen(
                  org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE),
              OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.ANY),
              ListFoldFunctions.class));
    }
    out.add(
        function(
            "array_length",
            "lengthOf",
            ReturnTypes.BIGINT_NULLABLE,
            OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER),
            ListFoldFunctions.class));
    return List.copyOf(out);
  }

  /**
   * Points {@code length(l)} of a list at {@code len(l)} before the validator types the call:
   * Calcite's {@code LENGTH} takes strings only, and a second {@code length} function beside it
   * would make string lengths ambiguous.
   *
   * @param operandType the type of the call's one operand, derived on demand
   */
  static void retarget(
      SqlNode expr, java.util.function.Function<SqlNode, RelDataType> operandType) {
    if (expr instanceof org.apache.calcite.sql.SqlBasicCall call
        && call.operandCount() == 1
        && call.getOperator().getName().equalsIgnoreCase("LENGTH")
        && call.operand(0) != null
        && operandType.apply(call.operand(0)).getSqlTypeName() == SqlTypeName.ARRAY) {
      call.setOperator(LEN);
    }
  }

  private static SqlUserDefinedFunction function(
      String name,
      String method,
      SqlReturnTypeInference type,
      SqlOperandTypeChecker operands,
      Class<?> owner) {
    return new Function(name, method, type, operands, owner);
  }

  /** A function of {@link ListFoldFunctions}, its operands checked by a plain operand checker. */
  private static final class Function extends SqlUserDefinedFunction {
    private final SqlOperandTypeChecker operands;

    @SuppressWarnings("deprecation") // the constructor that takes any operand checker
    Function(
        String name,
        String method,
        SqlReturnTypeInference type,
        SqlOperandTypeChecker operands,
        Class<?> owner) {
      super(
          new SqlIdentifier(name, SqlParserPos.ZERO),
          type,
          InferTypes.FIRST_KNOWN,
          operands,
          null,
          ScalarFunctionImpl.create(owner, method));
      this.operands = operands;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return operands.getOperandCountRange();
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      return operands.checkOperandTypes(binding, throwOnFailure);
    }
  }

  /**
   * {@code list_aggregate(l, 'name')}: the list aggregate of that name, chosen while validating.
   */
  private static final class ByName extends SqlFunction {
    ByName(String name) {
      // the return type is never asked: validation sees only the rewritten call
      super(
          name,
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG0,
          null,
          OperandTypes.ANY_ANY,
          SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    @Override
    public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
      SqlNode name = call.operandCount() == 2 ? call.operand(1) : null;
      SqlOperator target =
          name instanceof SqlCharStringLiteral s
              ? BY_NAME.get(s.getValueAs(NlsString.class).getValue().toLowerCase(Locale.ROOT))
              : null;
      if (target == null) {
        throw new SqlStateException(
            "42883",
            getName()
                + ": "
                + (name instanceof SqlCharStringLiteral
                    ? "unknown aggregate " + name
                    : "the aggregate must be named by a string literal")
                + "; BucketSQL takes 'sum', 'min', 'max', 'count' and 'avg', e.g. "
                + getName()
                + "(l, 'sum')");
      }
      SqlNode list = call.operand(0);
      return target.createCall(call.getParserPosition(), list);
    }
  }
}
