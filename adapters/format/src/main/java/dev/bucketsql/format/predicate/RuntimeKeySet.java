package dev.bucketsql.format.predicate;

/**
 * The values a column must hold for a row to matter, known only while the query runs (the keys a
 * hash join has built, which its probe side's rows must have to join): a scan may leave out the
 * rows whose value is none of them. Until {@link #ready} every row passes; a scan that never sees
 * it ready reads as if it were not there. Safe to read from many threads.
 */
public interface RuntimeKeySet {
  /** Whether the keys are known: before that, no row may be left out. */
  boolean ready();

  /**
   * Keeps, of the rows {@code from + rows[i]}, {@code i < k} ({@code rows} ascending), those whose
   * value in {@code values} is not NULL (per {@code nulls}) and is one of the keys, moving their
   * offsets to the front of {@code rows} in order; returns how many stay. Called only once {@link
   * #ready}.
   */
  int retain(long[] values, boolean[] nulls, int from, int[] rows, int k);
}
