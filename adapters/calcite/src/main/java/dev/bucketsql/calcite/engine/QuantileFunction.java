package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.Quantiles.Kind;
import dev.bucketsql.calcite.rel.ValueKeepingAggregate;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Optionality;

/**
 * DuckDB's quantile aggregates as Calcite operators, typed as DuckDB types them: {@code median(x)},
 * {@code quantile_cont(x, q)}, {@code quantile_disc(x, q)} (and its other name {@code quantile}),
 * and the forms {@link OrderedSetAggregates} makes of {@code PERCENTILE_CONT} and {@code
 * PERCENTILE_DISC ... WITHIN GROUP (ORDER BY x [DESC])}. The continuous ones give a DOUBLE for
 * integers and doubles, the column's own DECIMAL, REAL or TIME, and a TIMESTAMP for dates and
 * timestamps; the discrete ones, and {@code median} of strings or booleans, give one of the values,
 * of the column's type. The fraction is a constant number checked while validating (and again while
 * running, for a parameter): in [-1, 1] for {@code quantile_*}, where a negative one counts from
 * the largest value as DuckDB does, in [0, 1] for {@code PERCENTILE_*}. Calcite runs them with
 * {@link QuantileImplementor} over {@link Quantiles}.
 */
final class QuantileFunction extends SqlUserDefinedAggFunction implements ValueKeepingAggregate {
  /** Continuous, discrete, or {@code median} (continuous where the type interpolates). */
  enum Mode {
    CONT,
    DISC,
    MEDIAN
  }

  /**
   * What an operator computes.
   *
   * @param label the construct as users type it, for messages
   * @param mode how the value is picked
   * @param percentile whether this is the {@code WITHIN GROUP} form (fraction in [0, 1])
   * @param descending whether that form sorts descending
   */
  record Spec(String label, Mode mode, boolean percentile, boolean descending) {}

  static final QuantileFunction MEDIAN =
      new QuantileFunction("MEDIAN", new Spec("median", Mode.MEDIAN, false, false));
  static final QuantileFunction QUANTILE_CONT =
      new QuantileFunction("QUANTILE_CONT", new Spec("quantile_cont", Mode.CONT, false, false));
  static final QuantileFunction QUANTILE_DISC =
      new QuantileFunction("QUANTILE_DISC", new Spec("quantile_disc", Mode.DISC, false, false));
  static final QuantileFunction QUANTILE =
      new QuantileFunction("QUANTILE", new Spec("quantile", Mode.DISC, false, false));

  /** The operators typed by name; the {@code WITHIN GROUP} forms are made by a rewrite only. */
  static final List<QuantileFunction> NAMED =
      List.of(MEDIAN, QUANTILE_CONT, QUANTILE_DISC, QUANTILE);

  // distinct names: Calcite takes operators of one class and name as equal
  private static final QuantileFunction PERCENTILE_CONT =
      new QuantileFunction("PERCENTILE_CONT", new Spec("PERCENTILE_CONT", Mode.CONT, true, false));
  private static final QuantileFunction PERCENTILE_CONT_DESC =
      new QuantileFunction(
          "PERCENTILE_CONT_DESC", new Spec("PERCENTILE_CONT", Mode.CONT, true, true));
  private static final QuantileFunction PERCENTILE_DISC =
      new QuantileFunction("PERCENTILE_DISC", new Spec("PERCENTILE_DISC", Mode.DISC, true, false));
  private static final QuantileFunction PERCENTILE_DISC_DESC =
      new QuantileFunction(
          "PERCENTILE_DISC_DESC", new Spec("PERCENTILE_DISC", Mode.DISC, true, true));

  private final Spec spec;

  private QuantileFunction(String name, Spec spec) {
    super(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        binding -> returnType(spec, binding),
        (binding, returnType, operandTypes) -> {
          // a parameter as the fraction is a DOUBLE; as the value, it stays unknown and fails
          for (int i = 0; i < operandTypes.length; i++) {
            operandTypes[i] =
                i == 1
                    ? binding
                        .getTypeFactory()
                        .createTypeWithNullability(
                            binding.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), true)
                    : binding.getValidator().getUnknownType();
          }
        },
        null,
        new Implementation(spec),
        false,
        false,
        Optionality.FORBIDDEN);
    this.spec = spec;
  }

  /** What this operator computes. */
  Spec spec() {
    return spec;
  }

  /** {@code PERCENTILE_CONT} or {@code PERCENTILE_DISC} over {@code (value, fraction)}. */
  static QuantileFunction percentile(boolean continuous, boolean descending) {
    if (continuous) {
      return descending ? PERCENTILE_CONT_DESC : PERCENTILE_CONT;
    }
    return descending ? PERCENTILE_DISC_DESC : PERCENTILE_DISC;
  }

  /** Whether {@code spec} interpolates values of {@code kind}. */
  static boolean continuous(Spec spec, Kind kind) {
    return spec.mode() != Mode.DISC && kind != Kind.OBJECT;
  }

  private static RelDataType returnType(Spec spec, SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType value = binding.getOperandType(0);
    Kind kind = QuantileArguments.kind(value);
    RelDataType type;
    if (kind == null || !continuous(spec, kind)) {
      type = value;
    } else {
      type =
          switch (kind) {
            case REAL, DECIMAL, WIDE_DECIMAL, TIME, TIMESTAMP -> value;
            case DATE -> types.createSqlType(SqlTypeName.TIMESTAMP);
            default -> types.createSqlType(SqlTypeName.DOUBLE);
          };
    }
    // NULL for a group without a value
    return types.createTypeWithNullability(type, true);
  }

  /**
   * DECIMAL up to 18 digits, integers, dates, times and timestamps as longs, REAL and DOUBLE as
   * doubles.
   */
  @Override
  public boolean keepsPrimitive(RelDataType type) {
    Kind kind = QuantileArguments.kind(type);
    return kind != null && kind != Kind.WIDE_DECIMAL && kind != Kind.OBJECT;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(spec.mode() == Mode.MEDIAN ? 1 : 2);
  }

  @Override
  public String getAllowedSignatures(String name) {
    return spec.mode() == Mode.MEDIAN
        ? spec.label() + "(<value>)"
        : spec.label() + "(<value>, <fraction>)";
  }

  /** Validates the call as it is: this operator was chosen by name or made by the rewrite. */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    SqlValidatorScope operandScope = scope.getOperandScope(call);
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(operandScope, operand);
    }
    return validateOperands(validator, operandScope, call);
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    String problem = QuantileArguments.valueProblem(spec, binding.getOperandType(0));
    SqlNode at = binding.operand(0);
    if (problem == null && spec.mode() != Mode.MEDIAN) {
      problem =
          QuantileArguments.fractionProblem(spec, binding.operand(1), binding.getOperandType(1));
      at = binding.operand(1);
    }
    if (problem != null && throwOnFailure) {
      throw QuantileArguments.error(at, spec.label() + ": " + problem);
    }
    return problem == null;
  }

  /** The {@code WITHIN GROUP} forms print as typed. */
  @Override
  public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (!spec.percentile()) {
      super.unparse(writer, call, leftPrec, rightPrec);
      return;
    }
    SqlWriter.Frame fraction = writer.startFunCall(spec.label());
    call.operand(1).unparse(writer, 0, 0);
    writer.endFunCall(fraction);
    writer.keyword("WITHIN GROUP");
    SqlWriter.Frame order = writer.startList("(", ")");
    writer.keyword("ORDER BY");
    call.operand(0).unparse(writer, 0, 0);
    if (spec.descending()) {
      writer.keyword("DESC");
    }
    writer.endList(order);
  }

  /** What Calcite's code generator asks of a user-defined aggregate: its implementor. */
  private record Implementation(Spec spec) implements AggregateFunction, ImplementableAggFunction {
    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      // typed per call by the operator's return type inference
      return typeFactory.createSqlType(SqlTypeName.ANY);
    }

    @Override
    public AggImplementor getImplementor(boolean windowContext) {
      return new QuantileImplementor(spec);
    }
  }
}
