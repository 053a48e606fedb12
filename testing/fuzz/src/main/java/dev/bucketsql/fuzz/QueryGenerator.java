package dev.bucketsql.fuzz;

import static dev.bucketsql.fuzz.TypeClass.BIGINT;
import static dev.bucketsql.fuzz.TypeClass.BOOLEAN;
import static dev.bucketsql.fuzz.TypeClass.INTEGER;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random queries over a {@link FuzzSchema}: filters, joins of every kind, GROUP BY with aggregates
 * and HAVING, window functions, DISTINCT, ORDER BY and LIMIT, set operations, subqueries. An ORDER
 * BY names every output column when the row order is compared (then a LIMIT may follow); any other
 * ORDER BY leaves the rows compared as a multiset.
 */
final class QueryGenerator {
  /** A table in a FROM clause under an alias. */
  record Source(String alias, FuzzSchema.Table table) {}

  private final FuzzSchema schema;
  private final Random random;
  private final ExprGenerator exprs;
  private int aliases;

  QueryGenerator(FuzzSchema schema, long seed) {
    this.schema = schema;
    this.random = new Random(seed);
    this.exprs = new ExprGenerator(random, this);
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /** The next query. */
  FuzzQuery next() {
    aliases = 0;
    int p = random.nextInt(100);
    Node root;
    if (p < 15) {
      root = setOperation();
    } else if (p < 50) {
      root = aggregate(null);
    } else {
      root = plain(null);
    }
    return new FuzzQuery(root);
  }

  private String alias(String prefix) {
    return prefix + (++aliases);
  }

  private FuzzSchema.Table table(boolean small) {
    List<FuzzSchema.Table> candidates = new ArrayList<>();
    for (FuzzSchema.Table t : schema.tables()) {
      if (t.small() == small) {
        candidates.add(t);
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private FuzzSchema.Table anyTable() {
    return table(chance(65));
  }

  /** A FROM item and the source its columns are read from. */
  private record Item(Source source, Node node) {}

  /**
   * A table under an alias, or, one time in eight, a derived table over it: {@code (SELECT d.*, e
   * AS "dc" FROM "table" AS d [WHERE ...]) AS t}, whose computed column {@code e} is a correlated
   * scalar subquery of its own half of the time. Correlations in a derived table and around it are
   * the shape where the planner once lost a subquery's correlation.
   */
  private Item item() {
    FuzzSchema.Table table = anyTable();
    if (!chance(12)) {
      Source source = new Source(alias("t"), table);
      return new Item(source, Node.fixed("\"" + table.name() + "\" AS " + source.alias()));
    }
    Source inner = new Source(alias("d"), table);
    ExprGenerator.Scope scope = new ExprGenerator.Scope(List.of(inner), List.of(), false);
    TypeClass type = exprs.anyComparable();
    Node computed = chance(50) ? scalarSubquery(type, scope) : exprs.expr(type, 1, scope);
    Node where = chance(30) ? Node.optional(" WHERE {0}", exprs.bool(1, scope)) : Node.EMPTY;
    List<FuzzSchema.Column> columns = new ArrayList<>(table.columns());
    columns.add(new FuzzSchema.Column("dc", type));
    Source source =
        new Source(alias("t"), new FuzzSchema.Table(table.name(), table.small(), columns));
    return new Item(
        source,
        Node.fixed(
            "(SELECT "
                + inner.alias()
                + ".*, {0} AS \"dc\" FROM \""
                + table.name()
                + "\" AS "
                + inner.alias()
                + "{1}) AS "
                + source.alias(),
            computed,
            where));
  }

  /** A FROM clause: one table or a join of two; adds its sources to {@code sources}. */
  private Node from(List<Source> sources) {
    Item first = item();
    Source left = first.source();
    sources.add(left);
    if (!chance(40)) {
      return first.node();
    }
    FuzzSchema.Table rightTable = null;
    String condition = null;
    if (!left.table().small() && chance(50)) {
      for (String[] pair : FuzzSchema.KEY_PAIRS) {
        for (int side = 0; side < 2 && rightTable == null; side++) {
          String[] mine = pair[side].split("\\.");
          String[] other = pair[1 - side].split("\\.");
          if (mine[0].equals(left.table().name()) && chance(70)) {
            rightTable = schema.table(other[0]);
            condition = "{L}.\"" + mine[1] + "\" = {R}.\"" + other[1] + "\"";
          }
        }
      }
    }
    if (rightTable == null) {
      rightTable = table(true);
    }
    Source right = new Source(alias("t"), rightTable);
    sources.add(right);
    Node on;
    if (condition != null) {
      on = Node.expr(BOOLEAN, condition.replace("{L}", left.alias()).replace("{R}", right.alias()));
    } else {
      TypeClass t = chance(70) ? INTEGER : exprs.anyComparable();
      Node l = exprs.column(t, List.of(left));
      Node r = exprs.column(t, List.of(right));
      if (l == null || r == null) {
        l = exprs.column(INTEGER, List.of(left));
        r = exprs.column(INTEGER, List.of(right));
      }
      on = Node.expr(BOOLEAN, "{0} = {1}", l, r);
    }
    if (chance(25)) {
      ExprGenerator.Scope scope = new ExprGenerator.Scope(List.of(left, right), List.of(), false);
      on = Node.expr(BOOLEAN, "{0} AND {1}", on, exprs.bool(1, scope));
    }
    String kind =
        new String[] {
              "JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "LEFT OUTER JOIN"
            }
            [random.nextInt(6)];
    return Node.fixed(
        "{0} " + kind + " \"" + right.table().name() + "\" AS " + right.alias() + " ON {1}",
        first.node(),
        on);
  }

  private static Node items(List<Node> items) {
    return Node.list(", ", false, items);
  }

  private static Node item(Node expr, int i) {
    return Node.fixed("{0} AS c" + i, expr);
  }

  /** ORDER BY every output column (total), sometimes with a LIMIT, or none. */
  private Node totalOrder(int columns) {
    if (!chance(40)) {
      return Node.EMPTY;
    }
    List<Node> keys = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      keys.add(
          Node.fixed("c" + i + (chance(30) ? " DESC" : "") + (chance(15) ? " NULLS FIRST" : "")));
    }
    boolean limit = chance(50);
    Node list = Node.list(", ", limit, keys);
    if (limit) {
      return new Node(
          Node.Role.OPTIONAL,
          FuzzQuery.TOTAL_ORDER,
          TypeClass.OTHER,
          " ORDER BY {0} LIMIT " + (1 + random.nextInt(10)),
          null,
          List.of(list));
    }
    return new Node(
        Node.Role.OPTIONAL,
        FuzzQuery.TOTAL_ORDER,
        TypeClass.OTHER,
        " ORDER BY {0}",
        null,
        List.of(list));
  }

  /** A SELECT without GROUP BY; {@code types} fixes the output columns' classes when given. */
  Node plain(List<TypeClass> types) {
    List<Source> sources = new ArrayList<>();
    Node from = from(sources);
    ExprGenerator.Scope scope = new ExprGenerator.Scope(sources, List.of(), true);
    int n = types != null ? types.size() : 1 + random.nextInt(4);
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TypeClass t = types != null ? types.get(i) : exprs.anyType();
      Node e = types == null && chance(12) ? window(scope) : exprs.expr(t, 2, scope);
      items.add(item(e, i));
    }
    Node distinct = chance(12) ? Node.optional("DISTINCT ") : Node.EMPTY;
    Node where = chance(65) ? Node.optional(" WHERE {0}", exprs.bool(2, scope)) : Node.EMPTY;
    Node order = types != null ? Node.EMPTY : totalOrder(n);
    if (types == null && order == Node.EMPTY && chance(15)) {
      order = Node.optional(" ORDER BY c0");
    }
    return Node.query(
        n, "SELECT {0}{1} FROM {2}{3}{4}", distinct, items(items), from, where, order);
  }

  /** A GROUP BY query (or a global aggregate); {@code types} as in {@link #plain}. */
  Node aggregate(List<TypeClass> types) {
    List<Source> sources = new ArrayList<>();
    Node from = from(sources);
    ExprGenerator.Scope scope = new ExprGenerator.Scope(sources, List.of(), types == null);
    ExprGenerator.Scope rowScope = new ExprGenerator.Scope(sources, List.of(), false);
    int keys = types != null ? Math.min(types.size(), random.nextInt(2)) : random.nextInt(3);
    List<Node> items = new ArrayList<>();
    List<Node> groupBy = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      TypeClass t = types != null ? types.get(i) : exprs.anyType();
      Node key = chance(70) ? exprs.column(t, sources) : exprs.expr(t, 1, rowScope);
      if (key == null || key.kids().isEmpty() && !key.text().contains(".")) {
        // a bare literal in GROUP BY would be an ordinal
        key = Node.expr(t, "COALESCE({0}, {1})", exprs.leaf(t, rowScope), exprs.leaf(t, rowScope));
      }
      groupBy.add(key);
      items.add(item(key, i));
    }
    int n = types != null ? types.size() : keys + 1 + random.nextInt(3);
    for (int i = keys; i < n; i++) {
      TypeClass t = types != null ? types.get(i) : null;
      items.add(item(aggregateCall(t, rowScope), i));
    }
    Node where = chance(50) ? Node.optional(" WHERE {0}", exprs.bool(2, scope)) : Node.EMPTY;
    Node group =
        groupBy.isEmpty()
            ? Node.EMPTY
            : Node.fixed(" GROUP BY {0}", Node.list(", ", true, groupBy));
    Node having =
        !groupBy.isEmpty() && chance(30)
            ? Node.optional(
                " HAVING {0}",
                Node.expr(
                    BOOLEAN,
                    "({0} " + (chance(50) ? ">" : "<=") + " {1})",
                    aggregateCall(BIGINT, rowScope),
                    exprs.leaf(BIGINT, new ExprGenerator.Scope(List.of(), List.of(), false))))
            : Node.EMPTY;
    Node order = types != null || groupBy.isEmpty() ? Node.EMPTY : totalOrder(n);
    return Node.query(
        n, "SELECT {0} FROM {1}{2}{3}{4}{5}", items(items), from, where, group, having, order);
  }

  /** An aggregate call whose result has {@code type}'s family (any when null). */
  private Node aggregateCall(TypeClass type, ExprGenerator.Scope scope) {
    if (type != null && type.integral() && chance(50)) {
      return chance(50)
          ? Node.expr(BIGINT, "COUNT(*)")
          : Node.expr(
              BIGINT,
              "COUNT(" + (chance(40) ? "DISTINCT " : "") + "{0})",
              exprs.expr(exprs.anyType(), 1, scope));
    }
    TypeClass t = type != null ? type : exprs.anyType();
    int p = random.nextInt(10);
    if (type == null && p < 2) {
      return Node.expr(
          BIGINT, p == 0 ? "COUNT(*)" : "COUNT(DISTINCT {0})", exprs.expr(t, 1, scope));
    }
    if (t.numeric() && p < 6) {
      String f = t == TypeClass.DOUBLE && chance(50) ? "AVG" : "SUM";
      return Node.expr(t, f + "({0})", exprs.expr(t, 1, scope));
    }
    if (t == BOOLEAN) {
      return Node.expr(
          BOOLEAN,
          "(COUNT(*) > {0})",
          exprs.leaf(INTEGER, new ExprGenerator.Scope(List.of(), List.of(), false)));
    }
    return Node.expr(t, (chance(50) ? "MIN" : "MAX") + "({0})", exprs.expr(t, 1, scope));
  }

  /** A window function over the rows of the query. */
  private Node window(ExprGenerator.Scope scope) {
    Node partition = exprs.leaf(exprs.anyComparable(), scope);
    Node order = exprs.leaf(exprs.anyComparable(), scope);
    String dir = chance(30) ? " DESC" : "";
    switch (random.nextInt(4)) {
      case 0:
        return Node.expr(
            BIGINT,
            (chance(50) ? "RANK()" : "DENSE_RANK()")
                + " OVER (PARTITION BY {0} ORDER BY {1}"
                + dir
                + ")",
            partition,
            order);
      case 1:
        return Node.expr(BIGINT, "COUNT(*) OVER (PARTITION BY {0})", partition);
      case 2:
        {
          TypeClass t = chance(50) ? TypeClass.DOUBLE : INTEGER;
          return Node.expr(
              t,
              (chance(50) ? "SUM" : "MAX")
                  + "({0}) OVER (PARTITION BY {1} ORDER BY {2}"
                  + dir
                  + ")",
              exprs.leaf(t, scope),
              partition,
              order);
        }
      default:
        {
          TypeClass t = exprs.anyComparable();
          return Node.expr(t, "MIN({0}) OVER (PARTITION BY {1})", exprs.leaf(t, scope), partition);
        }
    }
  }

  /** Two queries of the same column classes joined by a set operator. */
  private Node setOperation() {
    int n = 1 + random.nextInt(3);
    List<TypeClass> types = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      types.add(exprs.anyComparable());
    }
    Node left = chance(70) ? plain(types) : aggregate(types);
    Node right = chance(70) ? plain(types) : aggregate(types);
    String op =
        new String[] {"UNION", "UNION ALL", "EXCEPT", "INTERSECT", "EXCEPT ALL", "INTERSECT ALL"}
            [random.nextInt(6)];
    return Node.query(n, "{0} " + op + " {1}{2}", left, right, totalOrder(n));
  }

  /** A scalar subquery: one aggregate over a small table, correlated half of the time. */
  Node scalarSubquery(TypeClass type, ExprGenerator.Scope outer) {
    Source inner = new Source(alias("s"), table(true));
    ExprGenerator.Scope scope = new ExprGenerator.Scope(List.of(inner), List.of(), false);
    String f = type.integral() ? (chance(50) ? "COUNT" : "MAX") : (chance(50) ? "MIN" : "MAX");
    Node arg = exprs.leaf(type, scope);
    Node where = correlation(inner, outer);
    return Node.expr(
        type,
        "(SELECT " + f + "({0}) FROM \"" + inner.table().name() + "\" AS " + inner.alias() + "{1})",
        arg,
        where);
  }

  /** {@code x [NOT] IN (SELECT col FROM small table [WHERE ...])}. */
  Node inSubquery(ExprGenerator.Scope outer) {
    TypeClass t = exprs.anyComparable();
    Source inner = new Source(alias("s"), table(chance(80)));
    Node col = exprs.column(t, List.of(inner));
    if (col == null) {
      t = INTEGER;
      col = exprs.column(t, List.of(inner));
    }
    ExprGenerator.Scope scope = new ExprGenerator.Scope(List.of(inner), List.of(), false);
    Node where = chance(50) ? Node.optional(" WHERE {0}", exprs.bool(1, scope)) : Node.EMPTY;
    Node probe = exprs.expr(t, 1, new ExprGenerator.Scope(outer.sources(), List.of(), false));
    return Node.expr(
        BOOLEAN,
        "({0} "
            + (chance(65) ? "" : "NOT ")
            + "IN (SELECT {1} FROM \""
            + inner.table().name()
            + "\" AS "
            + inner.alias()
            + "{2}))",
        probe,
        col,
        where);
  }

  /** {@code [NOT] EXISTS (SELECT 1 FROM small table WHERE inner.col = outer.col ...)}. */
  Node existsSubquery(ExprGenerator.Scope outer) {
    Source inner = new Source(alias("s"), table(true));
    Node where = correlation(inner, outer);
    return Node.expr(
        BOOLEAN,
        (chance(60) ? "" : "NOT ")
            + "EXISTS (SELECT 1 FROM \""
            + inner.table().name()
            + "\" AS "
            + inner.alias()
            + "{0})",
        where);
  }

  /** {@code WHERE inner.c = outer.c [AND ...]}, or an uncorrelated filter, or nothing. */
  private Node correlation(Source inner, ExprGenerator.Scope outer) {
    ExprGenerator.Scope scope = new ExprGenerator.Scope(List.of(inner), List.of(), false);
    if (chance(70) && !outer.sources().isEmpty()) {
      TypeClass t = chance(70) ? INTEGER : exprs.anyComparable();
      Node in = exprs.column(t, List.of(inner));
      Node out = exprs.column(t, outer.sources());
      if (in != null && out != null) {
        Node eq = Node.expr(BOOLEAN, "{0} = {1}", in, out);
        if (chance(30)) {
          eq = Node.expr(BOOLEAN, "{0} AND {1}", eq, exprs.bool(1, scope));
        }
        return Node.optional(" WHERE {0}", eq);
      }
    }
    return chance(50) ? Node.optional(" WHERE {0}", exprs.bool(1, scope)) : Node.EMPTY;
  }
}
