package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Filter} and {@link Project} over random expression trees (comparisons of every kind,
 * three-valued AND/OR/NOT, integer arithmetic near the limits, doubles with NaN and -0.0, decimals)
 * against a row-at-a-time interpreter of the same trees written here; an integer overflow in an
 * operand a row evaluates must fail with SQLSTATE 22003 (the right operand of AND and OR only where
 * the left one has not decided).
 */
class ExprTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.VARCHAR,
          ColumnType.BOOLEAN,
          ColumnType.DECIMAL);

  /** An expression as the test sees it: built into an engine {@link Expr} and interpreted here. */
  private interface Node {
    ColumnType type();

    Expr build();

    /** The value for {@code row}: Long for integers, or null; throws Overflowed. */
    Object eval(Object[] row);
  }

  private static final class Overflowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
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
      return Exprs.constant(value, type);
    }

    public Object eval(Object[] row) {
      return value instanceof Integer i ? (Object) (long) i : value;
    }
  }

  private record Cmp(String op, Node a, Node b) implements Node {
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    public Expr build() {
      Expr x = a.build();
      Expr y = b.build();
      return switch (op) {
        case "=" -> Exprs.eq(x, y);
        case "<>" -> Exprs.ne(x, y);
        case "<" -> Exprs.lt(x, y);
        case "<=" -> Exprs.le(x, y);
        case ">" -> Exprs.gt(x, y);
        default -> Exprs.ge(x, y);
      };
    }

    public Object eval(Object[] row) {
      Object x = a.eval(row);
      Object y = b.eval(row);
      if (x == null || y == null) {
        return null;
      }
      int c = TestData.sqlCompare(x, y);
      return switch (op) {
        case "=" -> c == 0;
        case "<>" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }
  }

  private record Bool(String op, Node a, Node b) implements Node {
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    public Expr build() {
      return switch (op) {
        case "AND" -> Exprs.and(a.build(), b.build());
        case "OR" -> Exprs.or(a.build(), b.build());
        default -> Exprs.not(a.build());
      };
    }

    public Object eval(Object[] row) {
      Boolean x = (Boolean) a.eval(row);
      // the right operand only where the left one has not decided, as the SQL layer's code
      boolean decided =
          op.equals("AND") ? Boolean.FALSE.equals(x) : op.equals("OR") && Boolean.TRUE.equals(x);
      Boolean y = b == null || decided ? null : (Boolean) b.eval(row);
      switch (op) {
        case "AND":
          if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
          }
          return x == null || y == null ? null : true;
        case "OR":
          if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
            return true;
          }
          return x == null || y == null ? null : false;
        default:
          return x == null ? null : !x;
      }
    }
  }

  private record Arith(String op, Node a, Node b, ColumnType type) implements Node {
    public Expr build() {
      return switch (op) {
        case "+" -> Exprs.plus(a.build(), b.build());
        case "-" -> Exprs.minus(a.build(), b.build());
        default -> Exprs.times(a.build(), b.build());
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
        return op.equals("+") ? p + q : op.equals("-") ? p - q : p * q;
      }
      if (x instanceof BigDecimal p) {
        BigDecimal q = (BigDecimal) y;
        return op.equals("+") ? p.add(q) : op.equals("-") ? p.subtract(q) : p.multiply(q);
      }
      java.math.BigInteger p = java.math.BigInteger.valueOf((Long) x);
      java.math.BigInteger q = java.math.BigInteger.valueOf((Long) y);
      java.math.BigInteger r =
          op.equals("+") ? p.add(q) : op.equals("-") ? p.subtract(q) : p.multiply(q);
      long min = type == ColumnType.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
      long max = type == ColumnType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
      if (r.bitLength() > 63 || r.longValue() < min || r.longValue() > max) {
        throw new Overflowed();
      }
      return r.longValue();
    }
  }

  private static final String[] OPS = {"+", "-", "*"};
  private static final String[] CMPS = {"=", "<>", "<", "<=", ">", ">="};

  /** A number expression of family 0 (integers), 1 (doubles) or 2 (decimals). */
  private static Node number(Random random, int family, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return switch (family) {
        case 0 ->
            random.nextBoolean()
                ? new Col(random.nextInt(2))
                : random.nextBoolean()
                    ? new Const(random.nextInt(7) - 3, ColumnType.INTEGER)
                    : new Const(
                        random.nextInt(5) == 0
                            ? null
                            : (Long) TestData.value(random, ColumnType.BIGINT),
                        ColumnType.BIGINT);
        case 1 ->
            random.nextBoolean()
                ? new Col(2)
                : new Const(TestData.value(random, ColumnType.DOUBLE), ColumnType.DOUBLE);
        default ->
            random.nextBoolean()
                ? new Col(5)
                : new Const(TestData.value(random, ColumnType.DECIMAL), ColumnType.DECIMAL);
      };
    }
    Node a = number(random, family, depth - 1);
    Node b = number(random, family, depth - 1);
    ColumnType type =
        family == 1
            ? ColumnType.DOUBLE
            : family == 2
                ? ColumnType.DECIMAL
                : a.type() == ColumnType.BIGINT || b.type() == ColumnType.BIGINT
                    ? ColumnType.BIGINT
                    : ColumnType.INTEGER;
    return new Arith(OPS[random.nextInt(3)], a, b, type);
  }

  private static Node condition(Random random, int depth) {
    int pick = depth == 0 ? random.nextInt(3) : random.nextInt(7);
    return switch (pick) {
      case 0 -> new Col(4);
      case 1 -> new Const(random.nextInt(3) == 0 ? null : random.nextBoolean(), ColumnType.BOOLEAN);
      case 2 ->
          random.nextBoolean()
              ? new Cmp(
                  CMPS[random.nextInt(6)],
                  new Col(3),
                  new Const(TestData.value(random, ColumnType.VARCHAR), ColumnType.VARCHAR))
              : new Cmp(CMPS[random.nextInt(6)], new Col(3), new Col(3));
      case 3, 4 -> {
        int family = random.nextInt(3);
        yield new Cmp(
            CMPS[random.nextInt(6)],
            number(random, family, Math.min(depth, 2)),
            number(random, family, 1));
      }
      case 5 -> new Bool("NOT", condition(random, depth - 1), null);
      default ->
          new Bool(
              random.nextBoolean() ? "AND" : "OR",
              condition(random, depth - 1),
              condition(random, depth - 1));
    };
  }

  @Test
  void filterAndProjectMatchTheInterpreter() {
    int overflows = 0;
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows =
          TestData.rows(random, TYPES, random.nextInt(4) == 0 ? random.nextInt(3) : 60, 15);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Node where = condition(random, 3);
      List<Node> select =
          List.of(
              condition(random, 2),
              number(random, 0, 3),
              number(random, 1, 2),
              number(random, 2, 2));

      Filter filter =
          new Filter(
              TestData.source(TYPES, rows, batchSize), where.build(), TestData.context(batchSize));
      if (overflowFree(List.of(where), rows)) {
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : rows) {
          if (Boolean.TRUE.equals(where.eval(row))) {
            kept.add(row);
          }
        }
        assertThat(TestData.sequence(Rows.collect(filter)))
            .as("seed %d: WHERE %s", seed, where)
            .isEqualTo(TestData.sequence(kept));
      } else {
        overflows++;
        assertOverflows(filter);
      }

      List<Expr> exprs = new ArrayList<>();
      for (Node n : select) {
        exprs.add(n.build());
      }
      Project project =
          new Project(TestData.source(TYPES, rows, batchSize), exprs, TestData.context(batchSize));
      if (overflowFree(select, rows)) {
        List<Object[]> projected = new ArrayList<>();
        for (Object[] row : rows) {
          Object[] out = new Object[select.size()];
          for (int i = 0; i < out.length; i++) {
            Object v = select.get(i).eval(row);
            out[i] =
                v != null && select.get(i).type() == ColumnType.INTEGER
                    ? (Object) (int) (long) (Long) v
                    : v;
          }
          projected.add(out);
        }
        assertThat(TestData.sequence(Rows.collect(project)))
            .as("seed %d: SELECT %s", seed, select)
            .isEqualTo(TestData.sequence(projected));
      } else {
        overflows++;
        assertOverflows(project);
      }
    }
    assertThat(overflows).as("some seeds overflow, most do not").isBetween(1, 40);
  }

  private static void assertOverflows(dev.bucketsql.engine.Operator op) {
    assertThatThrownBy(() -> Rows.collect(op))
        .isInstanceOf(SqlStateException.class)
        .hasMessageStartingWith("Overflow in ")
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22003"));
  }

  private static boolean overflowFree(List<Node> nodes, List<Object[]> rows) {
    try {
      for (Object[] row : rows) {
        for (Node n : nodes) {
          n.eval(row);
        }
      }
      return true;
    } catch (Overflowed e) {
      return false;
    }
  }

  @Test
  void integerArithmeticFailsNamingTheValues() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {Integer.MAX_VALUE, 1L, 0.0, "x", true, BigDecimal.ONE});
    Project p =
        new Project(
            TestData.source(TYPES, rows, 4),
            List.of(
                Exprs.plus(
                    Exprs.column(0, ColumnType.INTEGER), Exprs.constant(1, ColumnType.INTEGER))),
            TestData.context(4));
    assertThatThrownBy(() -> Rows.collect(p))
        .hasMessage(
            "Overflow in addition of INTEGER (2147483647 + 1): the result is out of INTEGER's range;"
                + " cast an operand to BIGINT to widen it");
    // the same sum in BIGINT fits
    Project q =
        new Project(
            TestData.source(TYPES, rows, 4),
            List.of(
                Exprs.plus(
                    Exprs.column(0, ColumnType.INTEGER), Exprs.column(1, ColumnType.BIGINT))),
            TestData.context(4));
    assertThat(Rows.collect(q).get(0)[0]).isEqualTo(2147483648L);
  }
}
