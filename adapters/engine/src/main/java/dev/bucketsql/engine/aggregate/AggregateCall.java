package dev.bucketsql.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnType;
import java.util.Arrays;

/**
 * One aggregate function of a {@link HashAggregate}: its function, the input column it reads (-1
 * for {@code COUNT(*)}), whether it sees each distinct value once per group, and the name errors
 * use ({@code SUM(rating)}).
 *
 * @param function the function
 * @param column the input column, or -1 for {@link Function#COUNT_STAR}
 * @param distinct whether duplicates within a group count once ({@code COUNT(DISTINCT x)})
 * @param name how errors name the call
 * @param filter the BOOLEAN input column of {@code FILTER (WHERE ...)}: only rows where it is TRUE
 *     count; -1 for none
 * @param by the column {@link Function#ARG_MIN} and {@link Function#ARG_MAX} order by, or the
 *     separator column of {@link Function#STRING_AGG} (-1 for its default {@code ","}); -1 for the
 *     other functions
 * @param fold what {@link Function#FOLD} folds, null for the other functions
 */
public record AggregateCall(
    Function function, int column, boolean distinct, String name, int filter, int by, Fold fold) {
  /** The functions. */
  public enum Function {
    /** {@code COUNT(*)}: rows, BIGINT. */
    COUNT_STAR,
    /** {@code COUNT(x)}: non-null values, BIGINT. */
    COUNT,
    /**
     * {@code SUM(x)}: BIGINT for integral input (an overflow is an error, never a wrap), DOUBLE for
     * REAL and DOUBLE, DECIMAL for DECIMAL; NULL over no value.
     */
    SUM,
    /**
     * {@code $SUM0(x)}: SUM, but zero over no value (0, 0.0, or a DECIMAL 0 of scale 0, as the SQL
     * layer's sum starts); what SUM becomes where NULL is not possible, and AVG's sum.
     */
    SUM0,
    /** {@code MIN(x)}: the input type; NULL over no value. */
    MIN,
    /** {@code MAX(x)}: the input type; NULL over no value. */
    MAX,
    /**
     * {@code AVG(x)}: DOUBLE for integral and floating input, DECIMAL for DECIMAL; NULL over no
     * value.
     */
    AVG,
    /**
     * {@code ARG_MIN(x, y)}: the value of x on the first row with the smallest y among the rows
     * where neither is NULL; the type of x; NULL over no such row. y is of an integral, BOOLEAN,
     * DATE, TIME, TIMESTAMP or DECIMAL type.
     */
    ARG_MIN,
    /** {@code ARG_MAX(x, y)}: as {@link #ARG_MIN}, with the largest y. */
    ARG_MAX,
    /**
     * {@code STRING_AGG(x, sep)} ({@code LISTAGG}): the group's non-null strings in input order,
     * each but the first preceded by its own row's separator; a row whose separator is NULL is
     * skipped; VARCHAR, NULL over no such row. No DISTINCT form.
     */
    STRING_AGG,
    /** A function of the SQL layer folding each group's rows into a state ({@link GroupFold}). */
    FOLD
  }

  /**
   * What a {@link Function#FOLD} call folds.
   *
   * @param function the SQL layer's function
   * @param arguments the input columns it reads; a row where one is NULL is skipped
   * @param type the result's type
   */
  public record Fold(GroupFold function, int[] arguments, ColumnType type) {
    /** Checks the arguments. */
    public Fold {
      requireNonNull(function, "function is null");
      requireNonNull(type, "type is null");
      if (arguments.length == 0) {
        throw new IllegalArgumentException("a fold reads at least one column");
      }
      arguments = arguments.clone();
    }

    @Override
    public int[] arguments() {
      return arguments.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fold f
          && f.function == function
          && Arrays.equals(f.arguments, arguments)
          && f.type == type;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(function) * 31 + Arrays.hashCode(arguments);
    }

    @Override
    public String toString() {
      return "Fold" + Arrays.toString(arguments) + ":" + type;
    }
  }

  /** Checks the arguments. */
  public AggregateCall {
    requireNonNull(function, "function is null");
    requireNonNull(name, "name is null");
    if ((function == Function.COUNT_STAR) != (column < 0)) {
      throw new IllegalArgumentException("COUNT(*) and only it reads no column: " + name);
    }
    if (function == Function.COUNT_STAR && distinct) {
      throw new IllegalArgumentException("COUNT(*) has no DISTINCT form");
    }
    boolean ordered = function == Function.ARG_MIN || function == Function.ARG_MAX;
    if (ordered != (by >= 0) && function != Function.STRING_AGG) {
      throw new IllegalArgumentException("ARG_MIN and ARG_MAX, and only they, order by a column");
    }
    if ((ordered || function == Function.STRING_AGG) && distinct) {
      // a spilled DISTINCT passes its values on in another order, which STRING_AGG would show
      throw new IllegalArgumentException(name + " has no DISTINCT form");
    }
    if ((function == Function.FOLD) != (fold != null)) {
      throw new IllegalArgumentException("FOLD and only it folds: " + name);
    }
    if (fold != null && ((fold.arguments.length > 1 && distinct) || fold.arguments[0] != column)) {
      throw new IllegalArgumentException(
          name + ": a fold reads its column first and has a DISTINCT form of one argument only");
    }
  }

  /** A call without FILTER. */
  public AggregateCall(Function function, int column, boolean distinct, String name) {
    this(function, column, distinct, name, -1, -1, null);
  }

  /** A call of a function that orders by no column. */
  public AggregateCall(Function function, int column, boolean distinct, String name, int filter) {
    this(function, column, distinct, name, filter, -1, null);
  }

  /** {@code ARG_MIN(column, by)} or {@code ARG_MAX(column, by)}. */
  public static AggregateCall argExtreme(Function function, int column, int by, String name) {
    return new AggregateCall(function, column, false, name, -1, by, null);
  }

  /**
   * {@code STRING_AGG(column, separator)}, {@code separator} -1 for Calcite's default {@code ","}.
   */
  public static AggregateCall stringAgg(int column, int separator, String name) {
    return new AggregateCall(Function.STRING_AGG, column, false, name, -1, separator, null);
  }

  /** A call of the SQL layer's {@code function} over {@code arguments}, of type {@code type}. */
  public static AggregateCall fold(
      GroupFold function, int[] arguments, ColumnType type, boolean distinct, String name) {
    return new AggregateCall(
        Function.FOLD,
        arguments.length == 0 ? -1 : arguments[0],
        distinct,
        name,
        -1,
        -1,
        new Fold(function, arguments, type));
  }

  /** This call counting only the rows where BOOLEAN column {@code filter} is TRUE. */
  public AggregateCall withFilter(int filter) {
    if (filter < 0) {
      throw new IllegalArgumentException("a FILTER column is not negative: " + filter);
    }
    return new AggregateCall(
        function, column, distinct, name + " FILTER #" + filter, filter, by, fold);
  }

  /** {@code function(column)}, named for errors as {@code FUNCTION(#column)}. */
  public static AggregateCall of(Function function, int column) {
    return new AggregateCall(function, column, false, function + "(#" + column + ")");
  }

  /** {@code function(DISTINCT column)}. */
  public static AggregateCall distinct(Function function, int column) {
    return new AggregateCall(function, column, true, function + "(DISTINCT #" + column + ")");
  }

  /** {@code COUNT(*)}. */
  public static AggregateCall countStar() {
    return new AggregateCall(Function.COUNT_STAR, -1, false, "COUNT(*)");
  }

  /** The type of the result over input of {@code input} (ignored for COUNT(*)). */
  public ColumnType resultType(ColumnType input) {
    return switch (function) {
      case COUNT_STAR, COUNT -> ColumnType.BIGINT;
      case MIN, MAX, ARG_MIN, ARG_MAX -> input;
      case STRING_AGG -> {
        if (input != ColumnType.VARCHAR) {
          throw unsupported(input);
        }
        yield ColumnType.VARCHAR;
      }
      case FOLD -> fold.type();
      case SUM, SUM0 ->
          switch (input) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> ColumnType.BIGINT;
            case REAL, DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            default -> throw unsupported(input);
          };
      case AVG ->
          switch (input) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            default -> throw unsupported(input);
          };
    };
  }

  private IllegalArgumentException unsupported(ColumnType input) {
    return new IllegalArgumentException(name + " does not take a " + input + " argument");
  }
}
