package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One piece of a generated query: a text template whose {@code {0}}, {@code {1}}, ... stand for its
 * children, rendered for BucketSQL or for DuckDB (which may have a template of its own). The tree
 * is what the {@link Reducer} shrinks, so each node says what may replace it:
 *
 * <ul>
 *   <li>{@link Role#EXPR}: an expression of {@link #type()}; a descendant of the same {@link
 *       #kind()} or a simple literal may replace it;
 *   <li>{@link Role#QUERY}: a query; a descendant query with as many columns may replace it;
 *   <li>{@link Role#OPTIONAL}: a clause that may be dropped (then it renders as nothing);
 *   <li>{@link Role#LIST}: children joined by the template (the separator); any child but the last
 *       may be dropped;
 *   <li>{@link Role#FIXED}: kept as it is (a FROM clause, an ORDER BY list under a LIMIT).
 * </ul>
 *
 * @param role what may replace this node
 * @param kind what may stand for this node ({@code expr:INTEGER}, {@code query:3})
 * @param type the type class of an expression, else {@link TypeClass#OTHER}
 * @param text the template (a separator for a list)
 * @param duck DuckDB's template, or null for the same text
 * @param kids the children
 */
record Node(Role role, String kind, TypeClass type, String text, String duck, List<Node> kids) {
  /** What may replace a node. */
  enum Role {
    EXPR,
    QUERY,
    OPTIONAL,
    LIST,
    FIXED
  }

  /** A node that renders as nothing: a dropped clause. */
  static final Node EMPTY = new Node(Role.FIXED, "", TypeClass.OTHER, "", null, List.of());

  Node {
    requireNonNull(role, "role is null");
    requireNonNull(text, "text is null");
    kids = List.copyOf(kids);
  }

  /** An expression of {@code type}. */
  static Node expr(TypeClass type, String text, Node... kids) {
    return new Node(Role.EXPR, "expr:" + family(type), type, text, null, List.of(kids));
  }

  /** An expression with a DuckDB template of its own. */
  static Node expr(TypeClass type, String text, String duck, Node... kids) {
    return new Node(Role.EXPR, "expr:" + family(type), type, text, duck, List.of(kids));
  }

  /** A fixed piece. */
  static Node fixed(String text, Node... kids) {
    return new Node(Role.FIXED, "", TypeClass.OTHER, text, null, List.of(kids));
  }

  /** A clause that may be dropped. */
  static Node optional(String text, Node... kids) {
    return new Node(Role.OPTIONAL, "", TypeClass.OTHER, text, null, List.of(kids));
  }

  /** Children joined by {@code separator}; {@code fixed} lists keep every child. */
  static Node list(String separator, boolean fixed, List<Node> kids) {
    return new Node(fixed ? Role.FIXED : Role.LIST, "list", TypeClass.OTHER, separator, null, kids);
  }

  /** A query of {@code columns} columns. */
  static Node query(int columns, String text, Node... kids) {
    return new Node(Role.QUERY, "query:" + columns, TypeClass.OTHER, text, null, List.of(kids));
  }

  /** Integer types stand for each other, as do the other classes with themselves. */
  static String family(TypeClass type) {
    return type.integral() ? "INT" : type.name();
  }

  /** Whether this node is a list (its text is a separator). */
  boolean isList() {
    return "list".equals(kind);
  }

  /** The SQL text for BucketSQL ({@code duckDb} false) or DuckDB. */
  String render(boolean duckDb) {
    StringBuilder out = new StringBuilder();
    render(duckDb, out);
    return out.toString();
  }

  private void render(boolean duckDb, StringBuilder out) {
    if (isList()) {
      for (int i = 0; i < kids.size(); i++) {
        if (i > 0) {
          out.append(text);
        }
        kids.get(i).render(duckDb, out);
      }
      return;
    }
    String t = duckDb && duck != null ? duck : text;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{'
          && i + 2 < t.length()
          && t.charAt(i + 2) == '}'
          && Character.isDigit(t.charAt(i + 1))) {
        kids.get(t.charAt(i + 1) - '0').render(duckDb, out);
        i += 2;
      } else {
        out.append(c);
      }
    }
  }

  /** Nodes in this tree. */
  int size() {
    int n = 1;
    for (Node k : kids) {
      n += k.size();
    }
    return n;
  }

  /** This node with child {@code i} replaced. */
  Node withKid(int i, Node kid) {
    List<Node> copy = new ArrayList<>(kids);
    copy.set(i, kid);
    return new Node(role, kind, type, text, duck, copy);
  }

  /** This list without child {@code i}. */
  Node withoutKid(int i) {
    List<Node> copy = new ArrayList<>(kids);
    copy.remove(i);
    return new Node(role, kind, type, text, duck, copy);
  }

  /** The node at {@code path} (child indexes from this node). */
  Node at(List<Integer> path) {
    Node n = this;
    for (int i : path) {
      n = n.kids.get(i);
    }
    return n;
  }

  /** This tree with the node at {@code path} replaced by {@code replacement}. */
  Node replace(List<Integer> path, int from, Node replacement) {
    if (from == path.size()) {
      return replacement;
    }
    int i = path.get(from);
    return withKid(i, kids.get(i).replace(path, from + 1, replacement));
  }

  /** Every path in this tree, parents before children. */
  void paths(List<Integer> prefix, List<List<Integer>> out) {
    out.add(List.copyOf(prefix));
    for (int i = 0; i < kids.size(); i++) {
      prefix.add(i);
      kids.get(i).paths(prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Descendants (not this node) of the same kind, nearest first. */
  void sameKind(String wanted, List<Node> out) {
    for (Node k : kids) {
      if (wanted.equals(k.kind)) {
        out.add(k);
      }
    }
    for (Node k : kids) {
      k.sameKind(wanted, out);
    }
  }
}
