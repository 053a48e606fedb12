package dev.bucketsql.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a finding's query while the same difference persists (same {@link Finding#category()}):
 * drops optional clauses (WHERE, HAVING, ORDER BY, DISTINCT), drops select items, replaces an
 * expression by one of its subexpressions of the same type or by a literal, and a set operation or
 * subquery by a query inside it. Greedy: the first smaller query that keeps the difference is
 * taken, and the search starts again from it.
 */
final class Reducer {
  private final Engines engines;
  private final int maxRuns;
  private int runs;

  Reducer(Engines engines, int maxRuns) {
    this.engines = engines;
    this.maxRuns = maxRuns;
  }

  /** Queries run so far. */
  int runs() {
    return runs;
  }

  /** The smallest finding reached from {@code finding} within the budget of runs. */
  Finding reduce(Finding finding) {
    String category = finding.category();
    // a difference in every configuration is followed in the default one alone: a third of the runs
    boolean everywhere = finding.differences().size() == Engines.Config.values().length;
    List<Engines.Config> configs =
        everywhere ? List.of(Engines.Config.DEFAULT) : List.of(Engines.Config.values());
    String wanted = everywhere ? finding.differences().get(Engines.Config.DEFAULT).key() : category;
    Finding best = finding;
    int budget = runs + maxRuns;
    boolean progress = true;
    while (progress && runs < budget) {
      progress = false;
      Node root = best.query().root();
      List<List<Integer>> paths = new ArrayList<>();
      root.paths(new ArrayList<>(), paths);
      search:
      for (List<Integer> path : paths) {
        for (Node candidate : candidates(root.at(path))) {
          if (runs >= budget) {
            break search;
          }
          Node smaller = root.replace(path, 0, candidate);
          if (smaller.size() >= root.size()
              && smaller.render(false).length() >= root.render(false).length()) {
            continue;
          }
          runs++;
          Finding f = Finding.check(engines, new FuzzQuery(smaller), null, configs);
          String got = f == null ? null : everywhere ? f.first().key() : f.category();
          if (wanted.equals(got)) {
            best = f;
            progress = true;
            break search;
          }
        }
      }
    }
    if (best != finding && everywhere) {
      Finding full = Finding.check(engines, best.query(), null);
      best = full != null ? full : best;
    }
    return best;
  }

  /** What may replace {@code node}, simplest first. */
  static List<Node> candidates(Node node) {
    List<Node> out = new ArrayList<>();
    switch (node.role()) {
      case OPTIONAL -> out.add(Node.EMPTY);
      case LIST -> {
        for (int i = 0; i < node.kids().size() && node.kids().size() > 1; i++) {
          out.add(node.withoutKid(i));
        }
      }
      case EXPR -> {
        Node literal = ExprGenerator.literal(node.type());
        if (!literal.text().equals(node.text()) && !node.kids().isEmpty()) {
          out.add(literal);
        }
        node.sameKind(node.kind(), out);
        if (node.kids().isEmpty()
            && node.text().contains(".")
            && !literal.text().equals(node.text())) {
          out.add(literal);
        }
      }
      case QUERY -> node.sameKind(node.kind(), out);
      default -> {
        // fixed
      }
    }
    return out;
  }
}
