package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's {@code list_slice(x, begin, end)} (also {@code array_slice}, and the slice syntax {@code
 * x[begin:end]}, {@link ListSlices}) of a list or a string: the elements (characters, by code
 * point) from {@code begin} to {@code end}, both included, counted from 1. A negative index counts
 * from the end ({@code -1} is the last); a {@code begin} before the first is the first (0 too), an
 * {@code end} past the last is the last, {@code end} 0 or {@code end} before {@code begin} gives an
 * empty list or string; a NULL operand gives NULL.
 */
public final class ListSliceFunction {
  /** The operators: {@code list_slice} and {@code array_slice}. */
  static final List<SqlOperator> ALL = List.of(operator("list_slice"), operator("array_slice"));

  private ListSliceFunction() {}

  /** The slice of a list or a string; called by generated code. */
  public static @Nullable Object slice(
      @Nullable Object x, @Nullable Object begin, @Nullable Object end) {
    if (x == null || begin == null || end == null) {
      return null;
    }
    int length = x instanceof String s ? s.codePointCount(0, s.length()) : ((List<?>) x).size();
    long from = ((Number) begin).longValue();
    long to = ((Number) end).longValue();
    from = from < 0 ? Math.max(1, length + from + 1) : Math.max(1, from);
    to = to < 0 ? length + to + 1 : Math.min(length, to);
    if (to < from) {
      return x instanceof String ? "" : List.of();
    }
    if (x instanceof String s) {
      int a = s.offsetByCodePoints(0, (int) from - 1);
      int b = s.offsetByCodePoints(0, (int) to);
      return s.substring(a, b);
    }
    // a copy that keeps NULL elements (List.copyOf refuses them)
    return new java.util.ArrayList<>(((List<?>) x).subList((int) from - 1, (int) to));
  }

  @SuppressWarnings("deprecation") // the constructor that takes any operand checker
  private static SqlOperator operator(String name) {
    SqlOperandTypeChecker operands =
        OperandTypes.or(
            OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            OperandTypes.family(
                SqlTypeFamily.STRING, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER));
    // a VARCHAR of a string (not its CHAR(n)), the list's own type of a list
    SqlReturnTypeInference type =
        binding ->
            SqlTypeUtil.inCharFamily(binding.getOperandType(0))
                ? ReturnTypes.ARG0_NULLABLE_VARYING.inferReturnType(binding)
                : ReturnTypes.ARG0_NULLABLE.inferReturnType(binding);
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        type,
        InferTypes.FIRST_KNOWN,
        operands,
        null,
        ScalarFunctionImpl.create(ListSliceFunction.class, "slice")) {
      @Override
      public SqlOperandCountRange getOperandCountRange() {
        return operands.getOperandCountRange();
      }

      @Override
      public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        return operands.checkOperandTypes(binding, throwOnFailure);
      }
    };
  }
}
