package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

/**
 * A generated query: its tree, its text for each engine, and whether row order is part of the
 * answer (an ORDER BY naming every output column at the top).
 */
record FuzzQuery(Node root) {
  /** The kind of the ORDER BY node that names every output column. */
  static final String TOTAL_ORDER = "order:total";

  FuzzQuery {
    requireNonNull(root, "root is null");
  }

  /** The statement for BucketSQL. */
  String sql() {
    return root.render(false);
  }

  /** The statement for DuckDB. */
  String duckSql() {
    return root.render(true);
  }

  /** Whether the top ORDER BY still names every output column. */
  boolean ordered() {
    Node order = null;
    for (Node k : root.kids()) {
      if (TOTAL_ORDER.equals(k.kind())) {
        order = k;
      }
    }
    return order != null && order.kids().get(0).kids().size() == columns(root);
  }

  private static int columns(Node query) {
    if (query.text().startsWith("SELECT")) {
      for (Node k : query.kids()) {
        if (k.isList()) {
          return k.kids().size();
        }
      }
    }
    return columns(query.kids().get(0));
  }

  @Override
  public String toString() {
    return sql();
  }
}
