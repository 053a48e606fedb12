package dev.bucketsql.fuzz;

import static dev.bucketsql.fuzz.TypeClass.BIGINT;
import static dev.bucketsql.fuzz.TypeClass.BOOLEAN;
import static dev.bucketsql.fuzz.TypeClass.DATE;
import static dev.bucketsql.fuzz.TypeClass.DECIMAL;
import static dev.bucketsql.fuzz.TypeClass.DOUBLE;
import static dev.bucketsql.fuzz.TypeClass.INTEGER;
import static dev.bucketsql.fuzz.TypeClass.TIMESTAMP;
import static dev.bucketsql.fuzz.TypeClass.VARCHAR;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Typed random expressions over the columns in scope: arithmetic, comparisons, CASE, COALESCE,
 * casts, string and date functions both engines know, date arithmetic, and (where allowed) scalar,
 * IN and EXISTS subqueries, built by {@link QueryGenerator}.
 */
final class ExprGenerator {
  /** The classes expressions are generated for. */
  static final List<TypeClass> TYPES =
      List.of(INTEGER, BIGINT, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP, BOOLEAN);

  private static final String[] INTS = {
    "0", "1", "-1", "2", "7", "100", "2147483647", "-2147483648", "9223372036854775807"
  };
  private static final String[] DOUBLES = {
    "0e0",
    "5e-1",
    "-1.5e0",
    "1e10",
    "-0e0",
    "CAST('NaN' AS DOUBLE)",
    "CAST('Infinity' AS DOUBLE)",
    "3.25e0"
  };
  private static final String[] DECIMALS = {"1.25", "-0.5", "100.00", "0.01", "0.0", "9999999.99"};
  private static final String[] STRINGS = {
    "'a'", "''", "'zero'", "'héllo wörld'", "'Zebra'", "'x'", "'日本語'", "' padded '"
  };
  private static final String[] DATES = {
    "1970-01-01", "2018-01-05", "1969-12-31", "2000-02-29", "9999-12-31", "0001-01-01", "2038-01-19"
  };
  private static final String[] TIMESTAMPS = {
    "1970-01-01 00:00:00",
    "2018-01-05 10:30:00.25",
    "1999-12-31 23:59:59.999",
    "2000-02-29 12:34:56.789"
  };
  private static final String[] PATTERNS = {"'a%'", "'%e%'", "'_'", "'%'", "'z%'", "'%o'"};
  private static final String[] UNITS = {"year", "month", "day", "hour"};

  /** The integer date parts, as EXTRACT and as date_part with DuckDB's names for some units. */
  private static final String[] DATE_PARTS = {
    "EXTRACT(YEAR FROM {0})", "EXTRACT(MONTH FROM {0})", "EXTRACT(DAY FROM {0})",
        "EXTRACT(QUARTER FROM {0})",
    "EXTRACT(DOW FROM {0})", "EXTRACT(ISODOW FROM {0})", "EXTRACT(DOY FROM {0})",
        "EXTRACT(WEEK FROM {0})",
    "EXTRACT(ISOYEAR FROM {0})", "EXTRACT(HOUR FROM {0})", "EXTRACT(MINUTE FROM {0})",
        "EXTRACT(SECOND FROM {0})",
    "EXTRACT(MILLISECOND FROM {0})", "EXTRACT(CENTURY FROM {0})", "date_part('dow', {0})",
        "date_part('yearweek', {0})",
    "date_part('weekday', {0})", "date_part('doy', {0})", "date_part('isoyear', {0})",
        "date_part('years', {0})",
    "dayofweek({0})", "year({0})", "month({0})", "day({0})"
  };

  /** Where an expression is generated: the sources in scope, an outer scope, what is allowed. */
  record Scope(
      List<QueryGenerator.Source> sources, List<QueryGenerator.Source> outer, boolean subqueries) {}

  private final Random random;
  private final QueryGenerator queries;

  ExprGenerator(Random random, QueryGenerator queries) {
    this.random = random;
    this.queries = queries;
  }

  /** A literal of {@code type}: what the reducer puts in place of an expression. */
  static Node literal(TypeClass type) {
    return switch (type) {
      case INTEGER, BIGINT, HUGEINT -> Node.expr(INTEGER, "1");
      case DOUBLE -> Node.expr(DOUBLE, "1e0");
      case DECIMAL -> Node.expr(DECIMAL, "1.5");
      case VARCHAR -> Node.expr(VARCHAR, "'a'");
      case DATE -> Node.expr(DATE, "DATE '2018-01-05'");
      case TIMESTAMP -> Node.expr(TIMESTAMP, "TIMESTAMP '2018-01-05 10:30:00'");
      case BOOLEAN -> Node.expr(BOOLEAN, "TRUE");
      default -> Node.expr(type, "NULL");
    };
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A type class chosen at random, booleans less often. */
  TypeClass anyType() {
    return TYPES.get(random.nextInt(TYPES.size()));
  }

  /** A column reference of {@code type}'s family from the scope, or null when none. */
  Node column(TypeClass type, List<QueryGenerator.Source> sources) {
    List<Node> found = new ArrayList<>();
    for (QueryGenerator.Source s : sources) {
      for (FuzzSchema.Column c : s.table().columns()) {
        if (Node.family(c.type()).equals(Node.family(type))) {
          found.add(Node.expr(c.type(), s.alias() + ".\"" + c.name() + "\""));
        }
      }
    }
    return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
  }

  /** A leaf: a column of the type (mostly), else a literal or a NULL. */
  Node leaf(TypeClass type, Scope scope) {
    if (chance(75)) {
      Node c = column(type, scope.sources());
      if (c != null) {
        return c;
      }
    }
    if (chance(6)) {
      return Node.expr(type, "CAST(NULL AS " + sqlType(type) + ")");
    }
    return switch (type) {
      case INTEGER, BIGINT -> Node.expr(type, pick(INTS));
      case DOUBLE -> Node.expr(type, pick(DOUBLES));
      case DECIMAL -> Node.expr(type, pick(DECIMALS));
      case VARCHAR -> Node.expr(type, pick(STRINGS));
      case DATE -> Node.expr(type, "DATE '" + pick(DATES) + "'");
      case TIMESTAMP -> Node.expr(type, "TIMESTAMP '" + pick(TIMESTAMPS) + "'");
      default -> Node.expr(BOOLEAN, chance(50) ? "TRUE" : "FALSE");
    };
  }

  static String sqlType(TypeClass type) {
    return switch (type) {
      case DECIMAL -> "DECIMAL(10,2)";
      case HUGEINT -> "DECIMAL(38,0)";
      default -> type.name();
    };
  }

  /** An expression of {@code type} at most {@code depth} levels deep. */
  Node expr(TypeClass type, int depth, Scope scope) {
    if (depth <= 0 || chance(30)) {
      return leaf(type, scope);
    }
    int d = depth - 1;
    if (chance(8)) {
      return Node.expr(
          type,
          "CASE WHEN {0} THEN {1} ELSE {2} END",
          expr(BOOLEAN, d, scope),
          expr(type, d, scope),
          expr(type, d, scope));
    }
    if (chance(7)) {
      return Node.expr(type, "COALESCE({0}, {1})", expr(type, d, scope), expr(type, d, scope));
    }
    if (scope.subqueries() && type != BOOLEAN && chance(4)) {
      return queries.scalarSubquery(type, scope);
    }
    return switch (type) {
      case INTEGER, BIGINT -> integer(type, d, scope);
      case DOUBLE -> floating(d, scope);
      case DECIMAL -> decimal(d, scope);
      case VARCHAR -> string(d, scope);
      case DATE -> date(d, scope);
      case TIMESTAMP -> timestamp(d, scope);
      default -> bool(d, scope);
    };
  }

  private Node integer(TypeClass type, int d, Scope s) {
    switch (random.nextInt(11)) {
      case 0, 1, 2:
        return Node.expr(
            type,
            bare("({0} " + pick(new String[] {"+", "-", "*", "//"}) + " {1})"),
            expr(type, d, s),
            expr(type, d, s));
      case 3:
        return Node.expr(type, "(- {0})", expr(type, d, s));
      case 4:
        return Node.expr(type, "abs({0})", expr(type, d, s));
      case 5:
        return Node.expr(type, bare("({0} % {1})"), expr(type, d, s), expr(type, d, s));
      case 6:
        return Node.expr(BIGINT, "length({0})", expr(VARCHAR, d, s));
      case 7:
        if (chance(20)) {
          return Node.expr(BIGINT, bare("({0} - {1})"), expr(DATE, d, s), expr(DATE, d, s));
        }
        return Node.expr(BIGINT, pick(DATE_PARTS), expr(chance(60) ? DATE : TIMESTAMP, d, s));
      case 8:
        return Node.expr(
            type, "CAST({0} AS " + type.name() + ")", expr(chance(60) ? DOUBLE : DECIMAL, d, s));
      case 9:
        return Node.expr(INTEGER, "CAST({0} AS INTEGER)", expr(BIGINT, d, s));
      default:
        return Node.expr(BIGINT, "CAST({0} AS BIGINT)", expr(INTEGER, d, s));
    }
  }

  private Node floating(int d, Scope s) {
    switch (random.nextInt(9)) {
      case 0, 1:
        return Node.expr(
            DOUBLE,
            bare("({0} " + pick(new String[] {"+", "-", "*", "/", "//", "^"}) + " {1})"),
            expr(DOUBLE, d, s),
            expr(DOUBLE, d, s));
      case 2:
        return Node.expr(DOUBLE, bare("({0} / {1})"), expr(INTEGER, d, s), expr(INTEGER, d, s));
      case 3:
        return Node.expr(
            DOUBLE,
            pick(new String[] {"abs", "floor", "ceil", "sqrt", "ln", "round"}) + "({0})",
            expr(DOUBLE, d, s));
      case 4:
        return Node.expr(DOUBLE, "CAST({0} AS DOUBLE)", expr(chance(70) ? BIGINT : DECIMAL, d, s));
      case 5:
        return Node.expr(DOUBLE, bare("({0} + {1})"), expr(DOUBLE, d, s), expr(INTEGER, d, s));
      case 6:
        return Node.expr(DOUBLE, "(- {0})", expr(DOUBLE, d, s));
      case 7:
        return Node.expr(DOUBLE, "round({0}, 2)", expr(DOUBLE, d, s));
      default:
        if (chance(25)) {
          return Node.expr(
              DOUBLE,
              pick(
                  new String[] {
                    "epoch({0})", "EXTRACT(EPOCH FROM {0})", "date_part('epoch', {0})"
                  }),
              expr(chance(50) ? DATE : TIMESTAMP, d, s));
        }
        if (chance(10)) {
          return Node.expr(
              DOUBLE, "epoch({0} - {1})", expr(TIMESTAMP, d, s), expr(TIMESTAMP, d, s));
        }
        return Node.expr(DOUBLE, "CAST({0} AS DOUBLE)", expr(VARCHAR, d, s));
    }
  }

  private Node decimal(int d, Scope s) {
    switch (random.nextInt(6)) {
      case 0, 1:
        return Node.expr(
            DECIMAL,
            bare("({0} " + pick(new String[] {"+", "-", "*"}) + " {1})"),
            expr(DECIMAL, d, s),
            expr(DECIMAL, d, s));
      case 2:
        return Node.expr(DECIMAL, "abs({0})", expr(DECIMAL, d, s));
      case 3:
        return Node.expr(
            DECIMAL, "CAST({0} AS DECIMAL(10,2))", expr(chance(60) ? INTEGER : DOUBLE, d, s));
      case 4:
        return Node.expr(DECIMAL, "round({0}, 1)", expr(DECIMAL, d, s));
      default:
        return Node.expr(DECIMAL, bare("({0} + {1})"), expr(DECIMAL, d, s), expr(INTEGER, d, s));
    }
  }

  private Node string(int d, Scope s) {
    switch (random.nextInt(10)) {
      case 0:
        return Node.expr(
            VARCHAR, pick(new String[] {"lower", "upper", "trim"}) + "({0})", expr(VARCHAR, d, s));
      case 1:
        return Node.expr(
            VARCHAR,
            "substr({0}, " + (random.nextInt(6) - 1) + ", " + random.nextInt(5) + ")",
            expr(VARCHAR, d, s));
      case 2:
        return Node.expr(
            VARCHAR, "substr({0}, " + (random.nextInt(4) + 1) + ")", expr(VARCHAR, d, s));
      case 3:
        return Node.expr(VARCHAR, "replace({0}, 'a', 'xy')", expr(VARCHAR, d, s));
      case 4, 5:
        return Node.expr(VARCHAR, bare("({0} || {1})"), expr(VARCHAR, d, s), expr(VARCHAR, d, s));
      case 6:
        return Node.expr(VARCHAR, "CAST({0} AS VARCHAR)", expr(chance(50) ? BIGINT : DATE, d, s));
      case 7:
        return Node.expr(
            VARCHAR,
            "CAST({0} AS VARCHAR)",
            expr(pickType(DOUBLE, DECIMAL, TIMESTAMP, BOOLEAN), d, s));
      case 8:
        return Node.expr(
            VARCHAR,
            pick(new String[] {"left", "right"}) + "({0}, " + random.nextInt(4) + ")",
            expr(VARCHAR, d, s));
      default:
        return Node.expr(VARCHAR, "strftime({0}, '%Y-%m-%d')", expr(DATE, d, s));
    }
  }

  /**
   * {@code template} (a binary operation in parentheses) without its parentheses, one time in five:
   * the operator then meets its neighbours' operators as typed, which tests that both engines group
   * them alike.
   */
  private String bare(String template) {
    return chance(20) ? template.substring(1, template.length() - 1) : template;
  }

  private TypeClass pickType(TypeClass... types) {
    return types[random.nextInt(types.length)];
  }

  private Node date(int d, Scope s) {
    switch (random.nextInt(5)) {
      case 3:
        return Node.expr(
            DATE,
            bare("({0} " + pick(new String[] {"+", "-"}) + " {1})"),
            expr(DATE, d, s),
            expr(INTEGER, d, s));
      case 4:
        return Node.expr(
            DATE,
            "make_date({0}, " + (random.nextInt(12) + 1) + ", " + (random.nextInt(28) + 1) + ")",
            expr(BIGINT, d, s));
      case 0:
        return Node.expr(DATE, "CAST({0} AS DATE)", expr(TIMESTAMP, d, s));
      case 1:
        return Node.expr(DATE, "CAST({0} AS DATE)", Node.expr(VARCHAR, "'" + pick(DATES) + "'"));
      default:
        return Node.expr(
            DATE,
            "CAST(date_trunc('" + pick(new String[] {"year", "month"}) + "', {0}) AS DATE)",
            expr(DATE, d, s));
    }
  }

  private Node timestamp(int d, Scope s) {
    if (chance(50)) {
      return Node.expr(TIMESTAMP, "CAST({0} AS TIMESTAMP)", expr(DATE, d, s));
    }
    return Node.expr(
        TIMESTAMP,
        "date_trunc('" + pick(UNITS) + "', {0})",
        expr(chance(50) ? DATE : TIMESTAMP, d, s));
  }

  /** A predicate. */
  Node bool(int d, Scope s) {
    int pick = random.nextInt(s.subqueries() ? 15 : 12);
    TypeClass t = anyComparable();
    switch (pick) {
      case 0, 1, 2, 3:
        return Node.expr(
            BOOLEAN,
            "({0} " + pick(new String[] {"=", "<>", "<", "<=", ">", ">="}) + " {1})",
            expr(t, d, s),
            expr(t, d, s));
      case 4:
        return Node.expr(
            BOOLEAN,
            bare("({0} " + pick(new String[] {"AND", "OR"}) + " {1})"),
            expr(BOOLEAN, d, s),
            expr(BOOLEAN, d, s));
      case 5:
        return Node.expr(BOOLEAN, "(NOT {0})", expr(BOOLEAN, d, s));
      case 6:
        return Node.expr(
            BOOLEAN, "({0} IS " + (chance(50) ? "" : "NOT ") + "NULL)", expr(anyType(), d, s));
      case 7:
        return Node.expr(
            BOOLEAN, "({0} BETWEEN {1} AND {2})", expr(t, d, s), leaf(t, s), leaf(t, s));
      case 8:
        return Node.expr(
            BOOLEAN,
            "({0} " + (chance(70) ? "" : "NOT ") + "IN ({1}, {2}, {3}))",
            expr(t, d, s),
            leaf(t, s),
            leaf(t, s),
            leaf(t, s));
      case 9:
        return Node.expr(
            BOOLEAN,
            "({0} " + (chance(80) ? "" : "NOT ") + "LIKE " + pick(PATTERNS) + ")",
            expr(VARCHAR, d, s));
      case 10:
        return Node.expr(
            BOOLEAN,
            "({0} IS " + (chance(50) ? "" : "NOT ") + "DISTINCT FROM {1})",
            expr(t, d, s),
            expr(t, d, s));
      case 11:
        Node c = column(BOOLEAN, s.sources());
        return c != null ? c : Node.expr(BOOLEAN, "({0} = {1})", expr(t, d, s), expr(t, d, s));
      case 12:
        return queries.inSubquery(s);
      default:
        return queries.existsSubquery(s);
    }
  }

  /** A class to compare in a predicate, integers most often. */
  TypeClass anyComparable() {
    TypeClass t = anyType();
    return t == BOOLEAN ? INTEGER : t;
  }
}
