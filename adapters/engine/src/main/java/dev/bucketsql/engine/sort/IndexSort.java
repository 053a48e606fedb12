package dev.bucketsql.engine.sort;

import java.util.Arrays;

/**
 * A stable sort of row numbers by a comparator of rows, on a primitive {@code int[]}: insertion
 * sort of short runs, then bottom-up merges. It boxes nothing (a {@code Integer[]} through {@code
 * Arrays.sort} made an object per row and chased a pointer per comparison), and a merge of two runs
 * already in order is one comparison and a copy, so sorted input is cheap.
 */
final class IndexSort {
  private static final int RUN = 24;

  /** Compares two rows by number. */
  @FunctionalInterface
  interface RowComparator {
    int compare(int a, int b);
  }

  private IndexSort() {}

  /** Sorts {@code rows} in place; rows that compare equal keep their order. */
  static void sort(int[] rows, RowComparator order) {
    int n = rows.length;
    for (int lo = 0; lo < n; lo += RUN) {
      insertion(rows, lo, Math.min(lo + RUN, n), order);
    }
    if (n <= RUN) {
      return;
    }
    int[] src = rows;
    int[] dst = new int[n];
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        merge(src, dst, lo, mid, hi, order);
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != rows) {
      System.arraycopy(src, 0, rows, 0, n);
    }
  }

  /** Sorts {@code rows[from, to)} in place; rows that compare equal keep their order. */
  static void sort(int[] rows, int from, int to, RowComparator order) {
    if (to - from <= RUN) {
      insertion(rows, from, to, order);
      return;
    }
    int[] part = Arrays.copyOfRange(rows, from, to);
    sort(part, order);
    System.arraycopy(part, 0, rows, from, part.length);
  }

  private static void insertion(int[] a, int lo, int hi, RowComparator order) {
    for (int i = lo + 1; i < hi; i++) {
      int v = a[i];
      int j = i - 1;
      // strictly greater moves: an equal row stays after the ones before it
      while (j >= lo && order.compare(a[j], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static void merge(int[] src, int[] dst, int lo, int mid, int hi, RowComparator order) {
    if (mid >= hi || order.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, lo, dst, lo, hi - lo);
      return;
    }
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      // the left run wins ties: stable
      dst[k++] = order.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
    }
    System.arraycopy(src, i, dst, k, mid - i);
    k += mid - i;
    System.arraycopy(src, j, dst, k, hi - j);
  }
}
