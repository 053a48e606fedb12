package dev.bucketsql.calcite.engine;

import org.apache.calcite.linq4j.function.Strict;

/**
 * DuckDB's total order of doubles: -Infinity first, -0.0 equal to 0.0, +Infinity, then NaN, equal
 * to itself, above every number. A double maps to a {@code long} key whose signed order is that
 * order ({@link #key}), so generated code compares, and keeps the least or greatest, with plain
 * {@code long} arithmetic; {@link #fromKey} maps back. Called by generated code, hence public;
 * {@link Strict}: NULL gives NULL.
 */
@Strict
public final class DoubleOrder {
  private DoubleOrder() {}

  /**
   * The key of {@code v}: its bits (NaN's canonical ones, -0.0 as 0.0), with the magnitude bits of
   * a negative number flipped, so that more negative numbers have smaller keys. Every key lies
   * strictly between {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}.
   */
  public static long key(double v) {
    long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The double whose {@link #key} is {@code key}. */
  public static double fromKey(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
  }

  /** {@code v} with -0.0 as 0.0, NaN and every other value as itself: a group or join key. */
  public static double signlessZero(double v) {
    return v + 0.0;
  }

  /** {@code a = b}: NaN equals NaN, -0.0 equals 0.0. */
  public static boolean eq(double a, double b) {
    return key(a) == key(b);
  }

  /** {@code a <> b}. */
  public static boolean ne(double a, double b) {
    return key(a) != key(b);
  }

  /** {@code a < b}: NaN is above every number. */
  public static boolean lt(double a, double b) {
    return key(a) < key(b);
  }

  /** {@code a <= b}. */
  public static boolean le(double a, double b) {
    return key(a) <= key(b);
  }

  /** {@code a > b}. */
  public static boolean gt(double a, double b) {
    return key(a) > key(b);
  }

  /** {@code a >= b}. */
  public static boolean ge(double a, double b) {
    return key(a) >= key(b);
  }

  /**
   * Compares as DuckDB orders: negative, zero or positive as {@code a} comes before, with, after
   * {@code b}.
   */
  public static int compare(double a, double b) {
    return Long.compare(key(a), key(b));
  }
}
