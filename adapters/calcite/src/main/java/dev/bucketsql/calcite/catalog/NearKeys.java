package dev.bucketsql.calcite.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for a name that is not there: the listing's data keys nearest to a key that names
 * no object, or the settings nearest to a misspelled one.
 */
public final class NearKeys {
  private static final int SHOWN = 3;

  private NearKeys() {}

  /** {@code "; did you mean 'a.csv' or 'b.csv'?"}, or empty when no key is near. */
  static String hint(CatalogSnapshot snapshot, String key) {
    List<String> near = near(snapshot.files().keySet(), key);
    if (near.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("; did you mean ");
    for (int i = 0; i < near.size(); i++) {
      s.append(i == 0 ? "" : i == near.size() - 1 ? " or " : ", ")
          .append('\'')
          .append(near.get(i))
          .append('\'');
    }
    return s.append('?').toString();
  }

  /**
   * The keys at most a few edits away (by whole key, or by file name in another folder), nearest
   * first, at most three.
   */
  public static List<String> near(Iterable<String> keys, String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    String wantedName = wanted.substring(wanted.lastIndexOf('/') + 1);
    int limit = Math.max(2, wanted.length() / 4);
    record Scored(String key, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String k : keys) {
      String lower = k.toLowerCase(Locale.ROOT);
      String name = lower.substring(lower.lastIndexOf('/') + 1);
      int d = Math.min(distance(lower, wanted, limit), distance(name, wantedName, limit) + 1);
      if (d <= limit) {
        scored.add(new Scored(k, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::key));
    return scored.stream().limit(SHOWN).map(Scored::key).toList();
  }

  /** Levenshtein distance, or {@code limit + 1} once it is sure to exceed {@code limit}. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int best = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        best = Math.min(best, current[j]);
      }
      if (best > limit) {
        return limit + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
