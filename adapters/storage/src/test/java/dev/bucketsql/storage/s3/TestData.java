package dev.bucketsql.storage.s3;

import java.util.Random;

/** Deterministic test bytes. */
final class TestData {
  private TestData() {}

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
