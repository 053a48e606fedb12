package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CASE, lazy AND/OR, integer and double division and remainder, casts and LIKE over random trees
 * and random rows (NULLs, zeros, extremes, batch sizes 1, 3, 7 and 64), against a row-at-a-time
 * interpreter written here. The interpreter evaluates an operand only where the SQL layer's
 * generated code does (the branch a row takes, the right side of an undecided AND or OR): where it
 * meets an error the engine must fail with the same SQLSTATE; elsewhere the rows must be equal,
 * decimals to the scale.
 */
class ConditionalExprTest {
  /**
   * Columns: INTEGER, BIGINT, DOUBLE, VARCHAR, BOOLEAN, DECIMAL, and INTEGER divisors with zeros.
   */
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.VARCHAR,
          ColumnType.BOOLEAN,
          ColumnType.DECIMAL,
          ColumnType.INTEGER);

  private interface Node {
    ColumnType type();

    Expr build();

    /** The value: Long for integer types; throws Failed with a SQLSTATE. */
    Object eval(Object[] row);
  }

  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String state;

    Failed(String state) {
      super(state, null, false, false);
      this.state = state;
    }
  }

  private record Col(int c) implements Node {
    public ColumnType type() {
      return TYPES.get(c);
    }

    public Expr build() {
      return Exprs.column(c, type());
    }

    public Object eval(Object[] row) {
      return row[c] instanceof Integer i ? (Object) (long) i : row[c];
    }
  }

  private record Const(Object value, ColumnType type) implements Node {
    public Expr build() {
      return Exprs.constant(
          value instanceof Long l && type == ColumnType.INTEGER ? (Object) (int) (long) l : value,
          type);
    }

    public Object eval(Object[] row) {
      return value instanceof Integer i ? (Object) (long) i : value;
    }
  }

  private static long min(ColumnType t) {
    return t == ColumnType.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
  }

  private static long max(ColumnType t) {
    return t == ColumnType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }

  /** Integer {@code + - * / %} in BigInteger, range-checked; doubles in Java. */
  private record Arith(String op, Node a, Node b, ColumnType type) implements Node {
    public Expr build() {
      return switch (op) {
        case "+" -> Exprs.plus(a.build(), b.build());
        case "-" -> Exprs.minus(a.build(), b.build());
        case "*" -> Exprs.times(a.build(), b.build());
        case "/" -> Exprs.divide(a.build(), b.build());
        default -> Exprs.mod(a.build(), b.build());
      };
    }

    public Object eval(Object[] row) {
      Object x = a.eval(row);
      Object y = b.eval(row);
      if (x == null || y == null) {
        return null;
      }
      if (x instanceof Double p) {
        double q = (Double) y;
        return switch (op) {
          case "+" -> p + q;
          case "-" -> p - q;
          case "*" -> p * q;
          case "/" -> p / q;
          default -> p % q;
        };
      }
      if (x instanceof BigDecimal p) {
        BigDecimal q = (BigDecimal) y;
        return op.equals("+") ? p.add(q) : op.equals("-") ? p.subtract(q) : p.multiply(q);
      }
      BigInteger p = BigInteger.valueOf((Long) x);
      BigInteger q = BigInteger.valueOf((Long) y);
      if ((op.equals("/") || op.equals("%")) && q.signum() == 0) {
        throw new Failed("22012");
      }
      BigInteger r =
          switch (op) {
            case "+" -> p.add(q);
            case "-" -> p.subtract(q);
            case "*" -> p.multiply(q);
            case "/" -> p.divide(q);
            default -> p.remainder(q);
          };
      if (r.compareTo(BigInteger.valueOf(min(type))) < 0
          || r.compareTo(BigInteger.valueOf(max(type))) > 0) {
        throw new Failed("22003");
      }
      return r.longValue();
    }
  }

  /** CASE WHEN c THEN v ... ELSE e END, lazily. */
  private record When(List<Node> whenThen, Node otherwise, ColumnType type) implements Node {
    public Expr build() {
      List<Expr> exprs = new ArrayList<>();
      whenThen.forEach(n -> exprs.add(n.build()));
      return Exprs.caseWhen(exprs, otherwise == null ? null : otherwise.build(), type);
    }

    public Object eval(Object[] row) {
      for (int i = 0; i < whenThen.size(); i += 2) {
        if (Boolean.TRUE.equals(whenThen.get(i).eval(row))) {
          return whenThen.get(i + 1).eval(row);
        }
      }
      return otherwise == null ? null : otherwise.eval(row);
    }
  }

  /** AND / OR with the right side evaluated only where needed; comparisons. */
  private record Logic(String op, Node a, Node b) implements Node {
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    public Expr build() {
      return switch (op) {
        case "AND" -> Exprs.and(a.build(), b.build());
        case "OR" -> Exprs.or(a.build(), b.build());
        case "NOT" -> Exprs.not(a.build());
        case "<" -> Exprs.lt(a.build(), b.build());
        default -> Exprs.eq(a.build(), b.build());
      };
    }

    public Object eval(Object[] row) {
      Object x = a.eval(row);
      switch (op) {
        case "NOT":
          return x == null ? null : (Object) !(Boolean) x;
        case "AND":
          if (Boolean.FALSE.equals(x)) {
            return false;
          }
          Object y = b.eval(row);
          return Boolean.FALSE.equals(y)
              ? Boolean.FALSE
              : x == null || y == null ? null : Boolean.TRUE;
        case "OR":
          if (Boolean.TRUE.equals(x)) {
            return true;
          }
          Object z = b.eval(row);
          return Boolean.TRUE.equals(z)
              ? Boolean.TRUE
              : x == null || z == null ? null : Boolean.FALSE;
        default:
          Object w = b.eval(row);
          if (x == null || w == null) {
            return null;
          }
          int c = TestData.sqlCompare(x, w);
          return (Object) (op.equals("<") ? c < 0 : c == 0);
      }
    }
  }

  /** A cast, computed here from the definitions (BigDecimal and Math.rint). */
  private record CastNode(
      Node a, ColumnType type, CastKind kind, int precision, int scale, boolean safe)
      implements Node {
    public Expr build() {
      return safe
          ? Exprs.tryCast(a.build(), type, kind, precision, scale)
          : Exprs.cast(a.build(), type, kind, precision, scale);
    }

    public Object eval(Object[] row) {
      Object x = a.eval(row);
      if (x == null) {
        return null;
      }
      try {
        return convert(x);
      } catch (Failed f) {
        if (safe) {
          return null;
        }
        throw f;
      }
    }

    private Object convert(Object x) {
      switch (kind) {
        case WIDEN:
          return x;
        case NARROW:
          return inRange(BigDecimal.valueOf((Long) x));
        case LONG_TO_DOUBLE:
          return (double) (Long) x;
        case DECIMAL_TO_DOUBLE:
          return ((BigDecimal) x).doubleValue();
        case DOUBLE_TO_LONG:
          {
            double d = (Double) x;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
              throw new Failed("22003");
            }
            return inRange(new BigDecimal(Math.rint(d)));
          }
        case DECIMAL_TO_LONG:
          return inRange(((BigDecimal) x).setScale(0, RoundingMode.HALF_UP));
        case LONG_TO_DECIMAL:
        case DECIMAL_TO_DECIMAL_TRUNCATING:
          {
            // Calcite's checkOverflow, step by step
            BigDecimal v = x instanceof Long l ? new BigDecimal(l) : (BigDecimal) x;
            BigDecimal r = v.setScale(scale, RoundingMode.DOWN).stripTrailingZeros();
            if (r.scale() < scale) {
              r = r.setScale(scale, RoundingMode.DOWN);
            }
            if (r.precision() > precision) {
              throw new Failed("22003");
            }
            return r;
          }
        case DECIMAL_TO_DECIMAL_ROUNDING:
          {
            BigDecimal r = ((BigDecimal) x).setScale(scale, RoundingMode.HALF_UP);
            if (r.signum() != 0 && r.precision() - r.scale() > precision - scale) {
              throw new Failed("22003");
            }
            return r;
          }
        default:
          throw new IllegalStateException(kind.name());
      }
    }

    private long inRange(BigDecimal v) {
      if (v.compareTo(BigDecimal.valueOf(min(type))) < 0
          || v.compareTo(BigDecimal.valueOf(max(type))) > 0) {
        throw new Failed("22003");
      }
      return v.longValueExact();
    }
  }

  /** LIKE through the regular expression the SQL layer's matcher builds. */
  private record LikeNode(Node a, String pattern, int escape) implements Node {
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    public Expr build() {
      return Exprs.like(a.build(), pattern, escape);
    }

    public Object eval(Object[] row) {
      Object s = a.eval(row);
      return s == null
          ? null
          : Pattern.compile(regex(pattern, escape)).matcher((String) s).matches();
    }
  }

  static String regex(String pattern, int escape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if ("[]()|^-+*?{}$\\.".indexOf(c) >= 0) {
        b.append('\\');
      }
      if (c == escape) {
        b.append(pattern.charAt(++i));
      } else if (c == '_') {
        b.append('.');
      } else if (c == '%') {
        b.append("(?s:.*)");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Node integer(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return switch (random.nextInt(4)) {
        case 0 -> new Col(0);
        case 1 -> new Col(6);
        case 2 -> new Const((long) random.nextInt(7) - 3, ColumnType.INTEGER);
        default -> new Cast0(new Col(1));
      };
    }
    return switch (random.nextInt(4)) {
      // a division guarded by its divisor: fails only where evaluated eagerly
      case 3 ->
          new When(
              List.of(
                  new Logic("NOT", divisorIsZero(), null),
                  new Arith(
                      random.nextBoolean() ? "/" : "%",
                      integer(random, depth - 1),
                      new Col(6),
                      ColumnType.INTEGER)),
              random.nextBoolean() ? integer(random, depth - 1) : null,
              ColumnType.INTEGER);
      case 0 ->
          new Arith(
              new String[] {"+", "-", "*", "/", "%"}[random.nextInt(5)],
              integer(random, depth - 1),
              integer(random, depth - 1),
              ColumnType.INTEGER);
      case 1 ->
          new When(
              List.of(condition(random, depth - 1), integer(random, depth - 1)),
              random.nextBoolean() ? integer(random, depth - 1) : null,
              ColumnType.INTEGER);
      default -> {
        boolean fromDecimal = random.nextBoolean();
        yield new CastNode(
            fromDecimal ? new Col(5) : new Col(2),
            ColumnType.INTEGER,
            fromDecimal ? CastKind.DECIMAL_TO_LONG : CastKind.DOUBLE_TO_LONG,
            0,
            0,
            random.nextInt(3) == 0);
      }
    };
  }

  /** BIGINT column narrowed to INTEGER (fails for most extremes). */
  private record Cast0(Node a) implements Node {
    public ColumnType type() {
      return ColumnType.INTEGER;
    }

    public Expr build() {
      return Exprs.cast(a.build(), ColumnType.INTEGER, CastKind.NARROW, 0, 0);
    }

    public Object eval(Object[] row) {
      Object x = a.eval(row);
      if (x == null) {
        return null;
      }
      long v = (Long) x;
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new Failed("22003");
      }
      return v;
    }
  }

  private static Node decimal(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> new Col(5);
        case 1 ->
            new CastNode(
                new Col(0),
                ColumnType.DECIMAL,
                CastKind.LONG_TO_DECIMAL,
                5 + random.nextInt(4),
                random.nextInt(3),
                false);
        default -> new Const(TestData.value(random, ColumnType.DECIMAL), ColumnType.DECIMAL);
      };
    }
    return switch (random.nextInt(4)) {
      case 0 ->
          new Arith(
              new String[] {"+", "-", "*"}[random.nextInt(3)],
              decimal(random, depth - 1),
              decimal(random, depth - 1),
              ColumnType.DECIMAL);
      case 1 ->
          new When(
              List.of(condition(random, depth - 1), decimal(random, depth - 1)),
              decimal(random, depth - 1),
              ColumnType.DECIMAL);
      case 2 ->
          new CastNode(
              decimal(random, depth - 1),
              ColumnType.DECIMAL,
              CastKind.DECIMAL_TO_DECIMAL_ROUNDING,
              3 + random.nextInt(22),
              random.nextInt(3),
              random.nextInt(3) == 0);
      default ->
          new CastNode(
              decimal(random, depth - 1),
              ColumnType.DECIMAL,
              CastKind.DECIMAL_TO_DECIMAL_TRUNCATING,
              6 + random.nextInt(20),
              3 + random.nextInt(2),
              false);
    };
  }

  private static Node floating(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> new Col(2);
        case 1 -> new CastNode(new Col(1), ColumnType.DOUBLE, CastKind.LONG_TO_DOUBLE, 0, 0, false);
        default ->
            new CastNode(new Col(5), ColumnType.DOUBLE, CastKind.DECIMAL_TO_DOUBLE, 0, 0, false);
      };
    }
    return random.nextBoolean()
        ? new Arith(
            new String[] {"+", "-", "*", "/", "%"}[random.nextInt(5)],
            floating(random, depth - 1),
            floating(random, depth - 1),
            ColumnType.DOUBLE)
        : new When(
            List.of(condition(random, depth - 1), floating(random, depth - 1)),
            floating(random, depth - 1),
            ColumnType.DOUBLE);
  }

  private static final String[] PATTERNS = {
    "a%",
    "%b",
    "%a%",
    "a",
    "",
    "%",
    "_",
    "__",
    "a_",
    "%\u0301",
    "日%",
    "%本_",
    "\uD83D\uDE00",
    "_\uDE00",
    "z!%",
    "!_%",
    "%!!%",
    "Z%h",
    "%ü%",
    "e_",
    "%_%_"
  };

  private static Node divisorIsZero() {
    return new Logic("=", new Col(6), new Const(0L, ColumnType.INTEGER));
  }

  private static Node condition(Random random, int depth) {
    int pick = depth <= 0 ? random.nextInt(3) : random.nextInt(8);
    return switch (pick) {
      case 0 -> new Col(4);
      case 1 -> new LikeNode(new Col(3), PATTERNS[random.nextInt(PATTERNS.length)], '!');
      case 2 -> new Logic("=", new Col(6), new Const(0L, ColumnType.INTEGER));
      case 3 -> new Logic("<", integer(random, depth - 1), integer(random, depth - 1));
      case 4 -> new Logic("<", decimal(random, depth - 1), decimal(random, depth - 1));
      case 5 ->
          random.nextBoolean()
              ? new Logic("NOT", condition(random, depth - 1), null)
              : new Logic(
                  random.nextBoolean() ? "AND" : "OR",
                  random.nextBoolean() ? divisorIsZero() : new Logic("NOT", divisorIsZero(), null),
                  new Logic(
                      "<",
                      new Arith("%", integer(random, depth - 1), new Col(6), ColumnType.INTEGER),
                      integer(random, 0)));
      default ->
          new Logic(
              random.nextBoolean() ? "AND" : "OR",
              condition(random, depth - 1),
              condition(random, depth - 1));
    };
  }

  @Test
  void projectAndFilterMatchTheLazyInterpreter() {
    int failures = 0;
    int seeds = 300;
    for (long seed = 1; seed <= seeds; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows =
          TestData.rows(random, TYPES, random.nextInt(5) == 0 ? random.nextInt(3) : 50, 15);
      for (Object[] row : rows) {
        // divisors: mostly non-zero, some zeros
        if (row[6] != null) {
          row[6] = random.nextInt(6) == 0 ? 0 : random.nextInt(5) + 1;
        }
      }
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      List<Node> select =
          List.of(
              integer(random, 3), decimal(random, 3), floating(random, 3), condition(random, 3));
      Node where = condition(random, 3);
      String failed = firstFailure(select, where, rows);
      List<Expr> exprs = new ArrayList<>();
      select.forEach(n -> exprs.add(n.build()));
      Project project =
          new Project(
              new Filter(
                  TestData.source(TYPES, rows, batchSize),
                  where.build(),
                  TestData.context(batchSize)),
              exprs,
              TestData.context(batchSize));
      if (failed != null) {
        failures++;
        assertThatThrownBy(() -> Rows.collect(project))
            .as("seed %d: SELECT %s WHERE %s", seed, select, where)
            .isInstanceOf(SqlStateException.class)
            .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isIn("22003", "22012"));
        continue;
      }
      List<Object[]> expected = new ArrayList<>();
      for (Object[] row : rows) {
        if (!Boolean.TRUE.equals(where.eval(row))) {
          continue;
        }
        Object[] out = new Object[select.size()];
        for (int i = 0; i < out.length; i++) {
          Object v = select.get(i).eval(row);
          out[i] =
              v instanceof Long l && select.get(i).type() == ColumnType.INTEGER
                  ? (Object) (int) (long) l
                  : v;
        }
        expected.add(out);
      }
      assertThat(TestData.sequence(Rows.collect(project)))
          .as("seed %d: SELECT %s WHERE %s", seed, select, where)
          .isEqualTo(TestData.sequence(expected));
    }
    assertThat(failures).as("some seeds fail, not all").isBetween(1, seeds * 9 / 10);
  }

  /**
   * The SQLSTATE of the first error the interpreter meets, or null: the WHERE for every row, the
   * SELECT for the rows kept.
   */
  private static String firstFailure(List<Node> select, Node where, List<Object[]> rows) {
    try {
      List<Object[]> kept = new ArrayList<>();
      for (Object[] row : rows) {
        if (Boolean.TRUE.equals(where.eval(row))) {
          kept.add(row);
        }
      }
      for (Object[] row : kept) {
        for (Node n : select) {
          n.eval(row);
        }
      }
      return null;
    } catch (Failed f) {
      return f.state;
    }
  }

  @Test
  void aBranchNotTakenRaisesNothing() {
    // CASE WHEN d = 0 THEN NULL ELSE 10 // d END and d <> 0 AND 10 // d > 1 over zeros
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Object[] {1, 1L, 0.0, "x", true, BigDecimal.ONE, i % 3});
    }
    Expr d = Exprs.column(6, ColumnType.INTEGER);
    Expr ten = Exprs.constant(10, ColumnType.INTEGER);
    Expr guarded =
        Exprs.caseWhen(
            List.of(
                Exprs.eq(d, Exprs.constant(0, ColumnType.INTEGER)),
                Exprs.constant(null, ColumnType.INTEGER)),
            Exprs.divide(ten, Exprs.column(6, ColumnType.INTEGER)),
            ColumnType.INTEGER);
    Expr filter =
        Exprs.and(
            Exprs.ne(Exprs.column(6, ColumnType.INTEGER), Exprs.constant(0, ColumnType.INTEGER)),
            Exprs.gt(
                Exprs.divide(
                    Exprs.constant(10, ColumnType.INTEGER), Exprs.column(6, ColumnType.INTEGER)),
                Exprs.constant(1, ColumnType.INTEGER)));
    for (int batch : TestData.BATCH_SIZES) {
      List<Object[]> out =
          Rows.collect(
              new Project(
                  TestData.source(TYPES, rows, batch), List.of(guarded), TestData.context(batch)));
      assertThat(out)
          .extracting(r -> r[0])
          .containsExactly(null, 10, 5, null, 10, 5, null, 10, 5, null);
      assertThat(
              Rows.collect(
                  new Filter(TestData.source(TYPES, rows, batch), filter, TestData.context(batch))))
          .hasSize(6);
    }
    // without the guard the zero divisor fails, naming the values
    Project unguarded =
        new Project(
            TestData.source(TYPES, rows, 4),
            List.of(
                Exprs.divide(
                    Exprs.constant(10, ColumnType.INTEGER), Exprs.column(6, ColumnType.INTEGER))),
            TestData.context(4));
    assertThatThrownBy(() -> Rows.collect(unguarded))
        .hasMessage("division by zero in 10 // 0; write NULLIF(divisor, 0) to get NULL instead")
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22012"));
  }

  @Test
  void castsToDecimalFailAsTheSqlLayerDoes() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {123456, 1L, 0.15, "x", true, new BigDecimal("-1.25"), 1});
    Expr tooSmall =
        Exprs.cast(
            Exprs.column(0, ColumnType.INTEGER),
            ColumnType.DECIMAL,
            CastKind.LONG_TO_DECIMAL,
            6,
            2);
    assertThatThrownBy(
            () ->
                Rows.collect(
                    new Project(
                        TestData.source(TYPES, rows, 1), List.of(tooSmall), TestData.context(1))))
        .hasMessage(
            "numeric value out of range: Value 123456 cannot be represented as a DECIMAL(6, 2);"
                + " CAST to BIGINT, DOUBLE or a wider DECIMAL");
    List<Object[]> out =
        Rows.collect(
            new Project(
                TestData.source(TYPES, rows, 1),
                List.of(
                    Exprs.cast(
                        Exprs.column(5, ColumnType.DECIMAL),
                        ColumnType.DECIMAL,
                        CastKind.DECIMAL_TO_DECIMAL_ROUNDING,
                        3,
                        1),
                    Exprs.cast(
                        Exprs.column(2, ColumnType.DOUBLE),
                        ColumnType.DECIMAL,
                        CastKind.DOUBLE_TO_DECIMAL,
                        3,
                        1),
                    Exprs.cast(
                        Exprs.column(5, ColumnType.DECIMAL),
                        ColumnType.INTEGER,
                        CastKind.DECIMAL_TO_LONG,
                        0,
                        0),
                    Exprs.tryCast(
                        Exprs.column(0, ColumnType.INTEGER),
                        ColumnType.DECIMAL,
                        CastKind.LONG_TO_DECIMAL,
                        6,
                        2)),
                TestData.context(1)));
    // DuckDB's roundings: halves away from zero, the double 0.15 as 0.2
    assertThat(out.get(0)).containsExactly(new BigDecimal("-1.3"), new BigDecimal("0.2"), -1, null);
  }
}
