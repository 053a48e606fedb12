package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.FunctionSqlType;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlLambdaScope;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * DuckDB's list functions that take a lambda, {@code x -> x + 1} (or DuckDB's newer {@code lambda
 * x: x + 1}, see {@link LambdaSyntax}): {@code list_transform} (= {@code list_apply}, {@code
 * array_transform}, {@code array_apply}), {@code list_filter} (= {@code array_filter}) and {@code
 * list_reduce} (= {@code array_reduce}), computed by {@link ListLambdaFunctions}.
 *
 * <p>Calcite parses a lambda as a function argument and compiles it into the generated code as a
 * function object; these operators type its parameters as DuckDB does (the list's element type, and
 * a BIGINT index for a second parameter of {@code list_transform} and {@code list_filter}) and
 * validate its body again with them, as Calcite's own {@code EXISTS(array, lambda)} does.
 */
final class ListLambdas {
  /**
   * {@code list_transform(l, (x, c) -> f(x, c), value)}: a lambda that reads a value of the row
   * ({@link LambdaCaptures}) as its second parameter, the value given beside it.
   */
  static final SqlOperator TRANSFORM_WITH =
      new Lambda("$list_transform_with", "transformWith", Kind.TRANSFORM_WITH);

  /** {@code list_filter(l, (x, c) -> p(x, c), value)}, as {@link #TRANSFORM_WITH}. */
  static final SqlOperator FILTER_WITH =
      new Lambda("$list_filter_with", "filterWith", Kind.FILTER_WITH);

  /** Every operator. */
  static final List<SqlOperator> ALL = all();

  private ListLambdas() {}

  private static List<SqlOperator> all() {
    List<SqlOperator> out = new ArrayList<>();
    for (String name : List.of("list_transform", "list_apply", "array_transform", "array_apply")) {
      out.add(new Lambda(name, "transform", Kind.TRANSFORM));
    }
    for (String name : List.of("list_filter", "array_filter")) {
      out.add(new Lambda(name, "filter", Kind.FILTER));
    }
    for (String name : List.of("list_reduce", "array_reduce")) {
      out.add(new Lambda(name, "reduce", Kind.REDUCE));
    }
    out.add(TRANSFORM_WITH);
    out.add(FILTER_WITH);
    return List.copyOf(out);
  }

  private enum Kind {
    TRANSFORM,
    FILTER,
    REDUCE,
    TRANSFORM_WITH,
    FILTER_WITH
  }

  /** A list function whose second operand is a lambda. */
  private static final class Lambda extends SqlUserDefinedFunction {
    private final Kind kind;

    @SuppressWarnings("deprecation") // the constructor that takes any operand checker
    Lambda(String name, String method, Kind kind) {
      super(
          new SqlIdentifier(name, SqlParserPos.ZERO),
          returnType(kind),
          InferTypes.FIRST_KNOWN,
          null,
          null,
          ScalarFunctionImpl.create(ListLambdaFunctions.class, method));
      this.kind = kind;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.of(
          kind == Kind.TRANSFORM_WITH || kind == Kind.FILTER_WITH ? 3 : 2);
    }

    @Override
    public String getAllowedSignatures(String opNameToUse) {
      return kind == Kind.REDUCE
          ? opNameToUse + "(<LIST>, (acc, x) -> <EXPRESSION>)"
          : opNameToUse + "(<LIST>, x -> <EXPRESSION>)";
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      RelDataType list = binding.getOperandType(0);
      RelDataType element = list.getComponentType();
      if (list.getSqlTypeName() != SqlTypeName.ARRAY
          || element == null
          || !(binding.operand(1) instanceof SqlLambda lambda)) {
        return fail(binding, throwOnFailure);
      }
      RelDataTypeFactory f = binding.getTypeFactory();
      int parameters = lambda.getParameters().size();
      List<RelDataType> types = new ArrayList<>();
      if (kind == Kind.REDUCE) {
        if (parameters != 2) {
          return fail(binding, throwOnFailure);
        }
        types.add(element);
        types.add(element);
      } else if (kind == Kind.TRANSFORM_WITH || kind == Kind.FILTER_WITH) {
        if (parameters != 2) {
          return fail(binding, throwOnFailure);
        }
        types.add(element);
        types.add(binding.getOperandType(2)); // the row's value the lambda reads
      } else {
        if (parameters != 1 && parameters != 2) {
          return fail(binding, throwOnFailure);
        }
        types.add(element);
        if (parameters == 2) {
          types.add(f.createSqlType(SqlTypeName.BIGINT));
        }
      }
      retype(binding.getValidator(), lambda, types);
      RelDataType body =
          ((FunctionSqlType) binding.getValidator().getValidatedNodeType(lambda)).getReturnType();
      if ((kind == Kind.FILTER || kind == Kind.FILTER_WITH)
          && body.getSqlTypeName() != SqlTypeName.BOOLEAN
          && body.getSqlTypeName() != SqlTypeName.NULL) {
        return fail(binding, throwOnFailure);
      }
      return true;
    }

    private static boolean fail(SqlCallBinding binding, boolean throwOnFailure) {
      if (throwOnFailure) {
        throw binding.newValidationSignatureError();
      }
      return false;
    }
  }

  /** Types the lambda's parameters and validates its body again with them. */
  private static void retype(SqlValidator validator, SqlLambda lambda, List<RelDataType> types) {
    SqlLambdaScope scope = (SqlLambdaScope) validator.getLambdaScope(lambda);
    for (int i = 0; i < types.size(); i++) {
      scope.getParameterTypes().put(lambda.getParameters().get(i).toString(), types.get(i));
    }
    // the types the first validation (parameters of type ANY) cached
    lambda.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier id) {
            validator.removeValidatedNodeType(id);
            return null;
          }

          @Override
          public Void visit(SqlCall call) {
            validator.removeValidatedNodeType(call);
            return super.visit(call);
          }
        });
    validator.removeValidatedNodeType(lambda);
    validator.validateLambda(lambda);
  }

  private static SqlReturnTypeInference returnType(Kind kind) {
    return binding -> {
      RelDataTypeFactory f = binding.getTypeFactory();
      RelDataType list = binding.getOperandType(0);
      RelDataType lambda = binding.getOperandType(1);
      RelDataType body =
          lambda instanceof FunctionSqlType function
              ? function.getReturnType()
              : list.getComponentType();
      switch (kind) {
        case FILTER:
        case FILTER_WITH:
          return list;
        case TRANSFORM:
        case TRANSFORM_WITH:
          return f.createTypeWithNullability(f.createArrayType(body, -1), list.isNullable());
        default:
          // an element, NULL for a NULL list or when a step gives NULL
          return f.createTypeWithNullability(body, true);
      }
    };
  }
}
