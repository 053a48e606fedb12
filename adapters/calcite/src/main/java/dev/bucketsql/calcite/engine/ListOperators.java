package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * DuckDB's list functions under each of their DuckDB names ({@link ListFunctions} computes them):
 * {@code string_split}, {@code len} and {@code array_length}, {@code list_extract}, {@code
 * list_contains}, {@code list_sort}, {@code list_distinct}, {@code list_concat}, {@code
 * array_to_string}, the two-argument {@code trim} ({@code btrim}); and {@code list_value(...)} and
 * the aggregate {@code list(x)}, other spellings of {@code ARRAY[...]} and {@code array_agg(x)}.
 */
final class ListOperators {
  private static final SqlReturnTypeInference VARCHAR_LIST =
      ReturnTypes.explicit(f -> f.createArrayType(f.createSqlType(SqlTypeName.VARCHAR), -1))
          .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE);

  /** The element type of the first operand, nullable: an index may fall outside the list. */
  private static final SqlReturnTypeInference ELEMENT =
      binding -> {
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataType component = binding.getOperandType(0).getComponentType();
        return f.createTypeWithNullability(
            component == null ? f.createSqlType(SqlTypeName.ANY) : component, true);
      };

  /** A list of the map's keys, NULL for a NULL map. */
  private static final SqlReturnTypeInference MAP_KEYS =
      binding -> mapPart(binding.getTypeFactory(), binding.getOperandType(0), true);

  /** A list of the map's values, NULL for a NULL map. */
  private static final SqlReturnTypeInference MAP_VALUES =
      binding -> mapPart(binding.getTypeFactory(), binding.getOperandType(0), false);

  private static RelDataType mapPart(RelDataTypeFactory f, RelDataType map, boolean keys) {
    RelDataType part = keys ? map.getKeyType() : map.getValueType();
    return f.createTypeWithNullability(
        f.createArrayType(part == null ? f.createSqlType(SqlTypeName.ANY) : part, -1),
        map.isNullable());
  }

  /** The call implementing {@code l[i]} over a list: DuckDB's indexes, negative from the end. */
  static final SqlUserDefinedFunction EXTRACT =
      function(
          "list_extract",
          "extract",
          ELEMENT,
          OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER));

  /** Every operator. */
  static final List<SqlOperator> ALL = all();

  private ListOperators() {}

  private static List<SqlOperator> all() {
    List<SqlOperator> out = new ArrayList<>();
    for (String name : List.of("string_split", "str_split", "split")) {
      out.add(function(name, "split", VARCHAR_LIST, OperandTypes.STRING_STRING));
    }
    out.add(
        function(
            "len",
            "len",
            ReturnTypes.BIGINT_NULLABLE,
            OperandTypes.or(OperandTypes.STRING, OperandTypes.ARRAY)));
    out.add(function("array_length", "len", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ARRAY));
    out.add(EXTRACT);
    for (String name : List.of("list_element", "array_extract")) {
      out.add(
          function(
              name,
              "extract",
              ELEMENT,
              OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.INTEGER)));
    }
    for (String name : List.of("list_contains", "list_has", "array_contains", "array_has")) {
      out.add(
          function(
              name,
              "contains",
              ReturnTypes.BOOLEAN_NULLABLE,
              OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.ANY)));
    }
    for (String name : List.of("list_has_any", "array_has_any")) {
      out.add(function(name, "hasAny", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.ARRAY_ARRAY));
    }
    for (String name : List.of("list_has_all", "array_has_all")) {
      out.add(function(name, "hasAll", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.ARRAY_ARRAY));
    }
    out.add(function("array_pop_back", "popBack", ReturnTypes.ARG0_NULLABLE, OperandTypes.ARRAY));
    out.add(function("array_pop_front", "popFront", ReturnTypes.ARG0_NULLABLE, OperandTypes.ARRAY));
    for (String name : List.of("list_sort", "array_sort")) {
      out.add(function(name, "sort", ReturnTypes.ARG0_NULLABLE, OperandTypes.ARRAY));
    }
    for (String name : List.of("list_reverse_sort", "array_reverse_sort")) {
      out.add(function(name, "reverseSort", ReturnTypes.ARG0_NULLABLE, OperandTypes.ARRAY));
    }
    for (String name : List.of("list_distinct", "array_distinct")) {
      out.add(function(name, "distinct", ReturnTypes.ARG0_NULLABLE, OperandTypes.ARRAY));
    }
    for (String name : List.of("list_concat", "list_cat", "array_concat", "array_cat")) {
      out.add(function(name, "concat", ReturnTypes.LEAST_RESTRICTIVE, OperandTypes.ARRAY_ARRAY));
    }
    for (String name : List.of("array_to_string", "list_to_string")) {
      out.add(
          function(
              name,
              "join",
              ReturnTypes.VARCHAR_NULLABLE,
              OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.STRING)));
    }
    out.add(
        function("btrim", "trim", ReturnTypes.ARG0_NULLABLE_VARYING, OperandTypes.STRING_STRING));
    out.add(
        new Alias(
            "LIST_VALUE", SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, SqlFunctionCategory.SYSTEM));
    out.add(
        new Alias(
            "LIST", SqlLibraryOperators.ARRAY_AGG, SqlFunctionCategory.USER_DEFINED_FUNCTION));
    // DuckDB's map functions (MapFunctions); Calcite's MAP_KEYS and kin have no implementation
    // in the enumerable convention here
    out.add(mapFunction("map_keys", "keys", MAP_KEYS));
    out.add(mapFunction("map_values", "values", MAP_VALUES));
    out.add(
        new Function(
            "map_contains",
            MapFunctions.class,
            "contains",
            ReturnTypes.BOOLEAN_NULLABLE,
            OperandTypes.family(SqlTypeFamily.MAP, SqlTypeFamily.ANY)));
    return List.copyOf(out);
  }

  private static SqlUserDefinedFunction function(
      String name, String method, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
    return new Function(name, ListFunctions.class, method, type, operands);
  }

  private static SqlUserDefinedFunction mapFunction(
      String name, String method, SqlReturnTypeInference type) {
    return new Function(name, MapFunctions.class, method, type, OperandTypes.MAP);
  }

  /** A function of {@link ListFunctions}, its operands checked by a plain operand checker. */
  private static final class Function extends SqlUserDefinedFunction {
    private final SqlOperandTypeChecker operands;

    @SuppressWarnings("deprecation") // the constructor that takes any operand checker
    Function(
        String name,
        Class<?> implementation,
        String method,
        SqlReturnTypeInference type,
        SqlOperandTypeChecker operands) {
      super(
          new SqlIdentifier(name, SqlParserPos.ZERO),
          type,
          InferTypes.FIRST_KNOWN,
          operands,
          null,
          ScalarFunctionImpl.create(implementation, method));
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

  /** A DuckDB name of a Calcite operator, replaced by it while validating. */
  private static final class Alias extends SqlFunction {
    private final SqlOperator target;

    Alias(String name, SqlOperator target, SqlFunctionCategory category) {
      // the return type is never asked: validation sees only the rewritten call
      super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, OperandTypes.VARIADIC, category);
      this.target = target;
    }

    @Override
    public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
      return target.createCall(
          call.getFunctionQuantifier(),
          call.getParserPosition(),
          call.getOperandList().toArray(new SqlNode[0]));
    }
  }
}
