package dev.bucketsql.engine.join;

/**
 * The pairs of an inner probe against a build side whose keys are unique (a primary key, as TPC-H's
 * orders on {@code o_orderkey}): each probe row has at most one build row, the first of its chain,
 * so there is no chain to walk. Each row is written to the next pair and the count advanced by
 * whether it matched, rather than behind a branch that goes the unpredicted way for about half the
 * rows of a probe whose rows half match.
 */
final class UniqueMatches {
  private UniqueMatches() {}

  /**
   * The probe rows of {@code [from, to)} with a build row ({@code starts[r] >= 0}) into {@code
   * probe}, their build rows into {@code build}, in probe row order, from index 0 on.
   *
   * @return the number of pairs, at most {@code to - from}
   */
  static int pairs(int[] starts, int from, int to, int[] probe, int[] build) {
    int n = 0;
    for (int r = from; r < to; r++) {
      int b = starts[r];
      probe[n] = r;
      build[n] = b;
      n += ~b >>> 31;
    }
    return n;
  }
}
