package dev.bucketsql.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Unpacks whole groups of 8 bit-packed values (least significant bit first, as Parquet's RLE /
 * bit-packing hybrid stores them) with one method per bit width from 1 to 32.
 *
 * <p>Each method reads a group as the few 8-byte little-endian words it spans and takes every value
 * out with constant shifts and masks: one load per word instead of one per value, no loop per
 * value, and no arithmetic on the bit width at run time, which a single method over any width
 * cannot avoid. The words of a group may reach up to 7 bytes past its last byte; {@link #span} says
 * how far, and the caller unpacks the groups near the end of the array another way.
 */
final class BitUnpacker {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private BitUnpacker() {}

  /** Bytes from a group's start that unpacking it reads: its {@code bitWidth} bytes in words. */
  static int span(int bitWidth) {
    return 8 * ((bitWidth + 7) / 8);
  }

  /**
   * Unpacks {@code groups} groups of 8 values {@code bitWidth} bits wide (1 to 32) from {@code
   * in[p, ...)} into {@code out[o, o + 8 * groups)}; the caller checked that the last group's
   * {@link #span} lies within {@code in}.
   */
  static void unpack(byte[] in, int p, int[] out, int o, int groups, int bitWidth) {
    switch (bitWidth) {
      case 1 -> unpack1(in, p, out, o, groups);
      case 2 -> unpack2(in, p, out, o, groups);
      case 3 -> unpack3(in, p, out, o, groups);
      case 4 -> unpack4(in, p, out, o, groups);
      case 5 -> unpack5(in, p, out, o, groups);
      case 6 -> unpack6(in, p, out, o, groups);
      case 7 -> unpack7(in, p, out, o, groups);
      case 8 -> unpack8(in, p, out, o, groups);
      case 9 -> unpack9(in, p, out, o, groups);
      case 10 -> unpack10(in, p, out, o, groups);
      case 11 -> unpack11(in, p, out, o, groups);
      case 12 -> unpack12(in, p, out, o, groups);
      case 13 -> unpack13(in, p, out, o, groups);
      case 14 -> unpack14(in, p, out, o, groups);
      case 15 -> unpack15(in, p, out, o, groups);
      case 16 -> unpack16(in, p, out, o, groups);
      case 17 -> unpack17(in, p, out, o, groups);
      case 18 -> unpack18(in, p, out, o, groups);
      case 19 -> unpack19(in, p, out, o, groups);
      case 20 -> unpack20(in, p, out, o, groups);
      case 21 -> unpack21(in, p, out, o, groups);
      case 22 -> unpack22(in, p, out, o, groups);
      case 23 -> unpack23(in, p, out, o, groups);
      case 24 -> unpack24(in, p, out, o, groups);
      case 25 -> unpack25(in, p, out, o, groups);
      case 26 -> unpack26(in, p, out, o, groups);
      case 27 -> unpack27(in, p, out, o, groups);
      case 28 -> unpack28(in, p, out, o, groups);
      case 29 -> unpack29(in, p, out, o, groups);
      case 30 -> unpack30(in, p, out, o, groups);
      case 31 -> unpack31(in, p, out, o, groups);
      case 32 -> unpack32(in, p, out, o, groups);
      default -> throw new IllegalArgumentException("bit width must be 1 to 32: " + bitWidth);
    }
  }

  private static void unpack1(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 1, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x1L);
      out[o + 1] = (int) ((w0 >>> 1) & 0x1L);
      out[o + 2] = (int) ((w0 >>> 2) & 0x1L);
      out[o + 3] = (int) ((w0 >>> 3) & 0x1L);
      out[o + 4] = (int) ((w0 >>> 4) & 0x1L);
      out[o + 5] = (int) ((w0 >>> 5) & 0x1L);
      out[o + 6] = (int) ((w0 >>> 6) & 0x1L);
      out[o + 7] = (int) ((w0 >>> 7) & 0x1L);
    }
  }

  private static void unpack2(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 2, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x3L);
      out[o + 1] = (int) ((w0 >>> 2) & 0x3L);
      out[o + 2] = (int) ((w0 >>> 4) & 0x3L);
      out[o + 3] = (int) ((w0 >>> 6) & 0x3L);
      out[o + 4] = (int) ((w0 >>> 8) & 0x3L);
      out[o + 5] = (int) ((w0 >>> 10) & 0x3L);
      out[o + 6] = (int) ((w0 >>> 12) & 0x3L);
      out[o + 7] = (int) ((w0 >>> 14) & 0x3L);
    }
  }

  private static void unpack3(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 3, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x7L);
      out[o + 1] = (int) ((w0 >>> 3) & 0x7L);
      out[o + 2] = (int) ((w0 >>> 6) & 0x7L);
      out[o + 3] = (int) ((w0 >>> 9) & 0x7L);
      out[o + 4] = (int) ((w0 >>> 12) & 0x7L);
      out[o + 5] = (int) ((w0 >>> 15) & 0x7L);
      out[o + 6] = (int) ((w0 >>> 18) & 0x7L);
      out[o + 7] = (int) ((w0 >>> 21) & 0x7L);
    }
  }

  private static void unpack4(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 4, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0xFL);
      out[o + 1] = (int) ((w0 >>> 4) & 0xFL);
      out[o + 2] = (int) ((w0 >>> 8) & 0xFL);
      out[o + 3] = (int) ((w0 >>> 12) & 0xFL);
      out[o + 4] = (int) ((w0 >>> 16) & 0xFL);
      out[o + 5] = (int) ((w0 >>> 20) & 0xFL);
      out[o + 6] = (int) ((w0 >>> 24) & 0xFL);
      out[o + 7] = (int) ((w0 >>> 28) & 0xFL);
    }
  }

  private static void unpack5(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 5, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x1FL);
      out[o + 1] = (int) ((w0 >>> 5) & 0x1FL);
      out[o + 2] = (int) ((w0 >>> 10) & 0x1FL);
      out[o + 3] = (int) ((w0 >>> 15) & 0x1FL);
      out[o + 4] = (int) ((w0 >>> 20) & 0x1FL);
      out[o + 5] = (int) ((w0 >>> 25) & 0x1FL);
      out[o + 6] = (int) ((w0 >>> 30) & 0x1FL);
      out[o + 7] = (int) ((w0 >>> 35) & 0x1FL);
    }
  }

  private static void unpack6(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 6, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x3FL);
      out[o + 1] = (int) ((w0 >>> 6) & 0x3FL);
      out[o + 2] = (int) ((w0 >>> 12) & 0x3FL);
      out[o + 3] = (int) ((w0 >>> 18) & 0x3FL);
      out[o + 4] = (int) ((w0 >>> 24) & 0x3FL);
      out[o + 5] = (int) ((w0 >>> 30) & 0x3FL);
      out[o + 6] = (int) ((w0 >>> 36) & 0x3FL);
      out[o + 7] = (int) ((w0 >>> 42) & 0x3FL);
    }
  }

  private static void unpack7(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 7, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0x7FL);
      out[o + 1] = (int) ((w0 >>> 7) & 0x7FL);
      out[o + 2] = (int) ((w0 >>> 14) & 0x7FL);
      out[o + 3] = (int) ((w0 >>> 21) & 0x7FL);
      out[o + 4] = (int) ((w0 >>> 28) & 0x7FL);
      out[o + 5] = (int) ((w0 >>> 35) & 0x7FL);
      out[o + 6] = (int) ((w0 >>> 42) & 0x7FL);
      out[o + 7] = (int) ((w0 >>> 49) & 0x7FL);
    }
  }

  private static void unpack8(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 8, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      out[o] = (int) (w0 & 0xFFL);
      out[o + 1] = (int) ((w0 >>> 8) & 0xFFL);
      out[o + 2] = (int) ((w0 >>> 16) & 0xFFL);
      out[o + 3] = (int) ((w0 >>> 24) & 0xFFL);
      out[o + 4] = (int) ((w0 >>> 32) & 0xFFL);
      out[o + 5] = (int) ((w0 >>> 40) & 0xFFL);
      out[o + 6] = (int) ((w0 >>> 48) & 0xFFL);
      out[o + 7] = (int) (w0 >>> 56);
    }
  }

  private static void unpack9(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 9, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x1FFL);
      out[o + 1] = (int) ((w0 >>> 9) & 0x1FFL);
      out[o + 2] = (int) ((w0 >>> 18) & 0x1FFL);
      out[o + 3] = (int) ((w0 >>> 27) & 0x1FFL);
      out[o + 4] = (int) ((w0 >>> 36) & 0x1FFL);
      out[o + 5] = (int) ((w0 >>> 45) & 0x1FFL);
      out[o + 6] = (int) ((w0 >>> 54) & 0x1FFL);
      out[o + 7] = (int) (((w0 >>> 63) | (w1 << 1)) & 0x1FFL);
    }
  }

  private static void unpack10(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 10, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x3FFL);
      out[o + 1] = (int) ((w0 >>> 10) & 0x3FFL);
      out[o + 2] = (int) ((w0 >>> 20) & 0x3FFL);
      out[o + 3] = (int) ((w0 >>> 30) & 0x3FFL);
      out[o + 4] = (int) ((w0 >>> 40) & 0x3FFL);
      out[o + 5] = (int) ((w0 >>> 50) & 0x3FFL);
      out[o + 6] = (int) (((w0 >>> 60) | (w1 << 4)) & 0x3FFL);
      out[o + 7] = (int) ((w1 >>> 6) & 0x3FFL);
    }
  }

  private static void unpack11(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 11, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x7FFL);
      out[o + 1] = (int) ((w0 >>> 11) & 0x7FFL);
      out[o + 2] = (int) ((w0 >>> 22) & 0x7FFL);
      out[o + 3] = (int) ((w0 >>> 33) & 0x7FFL);
      out[o + 4] = (int) ((w0 >>> 44) & 0x7FFL);
      out[o + 5] = (int) (((w0 >>> 55) | (w1 << 9)) & 0x7FFL);
      out[o + 6] = (int) ((w1 >>> 2) & 0x7FFL);
      out[o + 7] = (int) ((w1 >>> 13) & 0x7FFL);
    }
  }

  private static void unpack12(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 12, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0xFFFL);
      out[o + 1] = (int) ((w0 >>> 12) & 0xFFFL);
      out[o + 2] = (int) ((w0 >>> 24) & 0xFFFL);
      out[o + 3] = (int) ((w0 >>> 36) & 0xFFFL);
      out[o + 4] = (int) ((w0 >>> 48) & 0xFFFL);
      out[o + 5] = (int) (((w0 >>> 60) | (w1 << 4)) & 0xFFFL);
      out[o + 6] = (int) ((w1 >>> 8) & 0xFFFL);
      out[o + 7] = (int) ((w1 >>> 20) & 0xFFFL);
    }
  }

  private static void unpack13(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 13, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x1FFFL);
      out[o + 1] = (int) ((w0 >>> 13) & 0x1FFFL);
      out[o + 2] = (int) ((w0 >>> 26) & 0x1FFFL);
      out[o + 3] = (int) ((w0 >>> 39) & 0x1FFFL);
      out[o + 4] = (int) (((w0 >>> 52) | (w1 << 12)) & 0x1FFFL);
      out[o + 5] = (int) ((w1 >>> 1) & 0x1FFFL);
      out[o + 6] = (int) ((w1 >>> 14) & 0x1FFFL);
      out[o + 7] = (int) ((w1 >>> 27) & 0x1FFFL);
    }
  }

  private static void unpack14(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 14, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x3FFFL);
      out[o + 1] = (int) ((w0 >>> 14) & 0x3FFFL);
      out[o + 2] = (int) ((w0 >>> 28) & 0x3FFFL);
      out[o + 3] = (int) ((w0 >>> 42) & 0x3FFFL);
      out[o + 4] = (int) (((w0 >>> 56) | (w1 << 8)) & 0x3FFFL);
      out[o + 5] = (int) ((w1 >>> 6) & 0x3FFFL);
      out[o + 6] = (int) ((w1 >>> 20) & 0x3FFFL);
      out[o + 7] = (int) ((w1 >>> 34) & 0x3FFFL);
    }
  }

  private static void unpack15(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 15, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0x7FFFL);
      out[o + 1] = (int) ((w0 >>> 15) & 0x7FFFL);
      out[o + 2] = (int) ((w0 >>> 30) & 0x7FFFL);
      out[o + 3] = (int) ((w0 >>> 45) & 0x7FFFL);
      out[o + 4] = (int) (((w0 >>> 60) | (w1 << 4)) & 0x7FFFL);
      out[o + 5] = (int) ((w1 >>> 11) & 0x7FFFL);
      out[o + 6] = (int) ((w1 >>> 26) & 0x7FFFL);
      out[o + 7] = (int) ((w1 >>> 41) & 0x7FFFL);
    }
  }

  private static void unpack16(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 16, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      out[o] = (int) (w0 & 0xFFFFL);
      out[o + 1] = (int) ((w0 >>> 16) & 0xFFFFL);
      out[o + 2] = (int) ((w0 >>> 32) & 0xFFFFL);
      out[o + 3] = (int) (w0 >>> 48);
      out[o + 4] = (int) (w1 & 0xFFFFL);
      out[o + 5] = (int) ((w1 >>> 16) & 0xFFFFL);
      out[o + 6] = (int) ((w1 >>> 32) & 0xFFFFL);
      out[o + 7] = (int) (w1 >>> 48);
    }
  }

  private static void unpack17(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 17, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x1FFFFL);
      out[o + 1] = (int) ((w0 >>> 17) & 0x1FFFFL);
      out[o + 2] = (int) ((w0 >>> 34) & 0x1FFFFL);
      out[o + 3] = (int) (((w0 >>> 51) | (w1 << 13)) & 0x1FFFFL);
      out[o + 4] = (int) ((w1 >>> 4) & 0x1FFFFL);
      out[o + 5] = (int) ((w1 >>> 21) & 0x1FFFFL);
      out[o + 6] = (int) ((w1 >>> 38) & 0x1FFFFL);
      out[o + 7] = (int) (((w1 >>> 55) | (w2 << 9)) & 0x1FFFFL);
    }
  }

  private static void unpack18(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 18, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x3FFFFL);
      out[o + 1] = (int) ((w0 >>> 18) & 0x3FFFFL);
      out[o + 2] = (int) ((w0 >>> 36) & 0x3FFFFL);
      out[o + 3] = (int) (((w0 >>> 54) | (w1 << 10)) & 0x3FFFFL);
      out[o + 4] = (int) ((w1 >>> 8) & 0x3FFFFL);
      out[o + 5] = (int) ((w1 >>> 26) & 0x3FFFFL);
      out[o + 6] = (int) ((w1 >>> 44) & 0x3FFFFL);
      out[o + 7] = (int) (((w1 >>> 62) | (w2 << 2)) & 0x3FFFFL);
    }
  }

  private static void unpack19(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 19, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x7FFFFL);
      out[o + 1] = (int) ((w0 >>> 19) & 0x7FFFFL);
      out[o + 2] = (int) ((w0 >>> 38) & 0x7FFFFL);
      out[o + 3] = (int) (((w0 >>> 57) | (w1 << 7)) & 0x7FFFFL);
      out[o + 4] = (int) ((w1 >>> 12) & 0x7FFFFL);
      out[o + 5] = (int) ((w1 >>> 31) & 0x7FFFFL);
      out[o + 6] = (int) (((w1 >>> 50) | (w2 << 14)) & 0x7FFFFL);
      out[o + 7] = (int) ((w2 >>> 5) & 0x7FFFFL);
    }
  }

  private static void unpack20(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 20, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0xFFFFFL);
      out[o + 1] = (int) ((w0 >>> 20) & 0xFFFFFL);
      out[o + 2] = (int) ((w0 >>> 40) & 0xFFFFFL);
      out[o + 3] = (int) (((w0 >>> 60) | (w1 << 4)) & 0xFFFFFL);
      out[o + 4] = (int) ((w1 >>> 16) & 0xFFFFFL);
      out[o + 5] = (int) ((w1 >>> 36) & 0xFFFFFL);
      out[o + 6] = (int) (((w1 >>> 56) | (w2 << 8)) & 0xFFFFFL);
      out[o + 7] = (int) ((w2 >>> 12) & 0xFFFFFL);
    }
  }

  private static void unpack21(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 21, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x1FFFFFL);
      out[o + 1] = (int) ((w0 >>> 21) & 0x1FFFFFL);
      out[o + 2] = (int) ((w0 >>> 42) & 0x1FFFFFL);
      out[o + 3] = (int) (((w0 >>> 63) | (w1 << 1)) & 0x1FFFFFL);
      out[o + 4] = (int) ((w1 >>> 20) & 0x1FFFFFL);
      out[o + 5] = (int) ((w1 >>> 41) & 0x1FFFFFL);
      out[o + 6] = (int) (((w1 >>> 62) | (w2 << 2)) & 0x1FFFFFL);
      out[o + 7] = (int) ((w2 >>> 19) & 0x1FFFFFL);
    }
  }

  private static void unpack22(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 22, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x3FFFFFL);
      out[o + 1] = (int) ((w0 >>> 22) & 0x3FFFFFL);
      out[o + 2] = (int) (((w0 >>> 44) | (w1 << 20)) & 0x3FFFFFL);
      out[o + 3] = (int) ((w1 >>> 2) & 0x3FFFFFL);
      out[o + 4] = (int) ((w1 >>> 24) & 0x3FFFFFL);
      out[o + 5] = (int) (((w1 >>> 46) | (w2 << 18)) & 0x3FFFFFL);
      out[o + 6] = (int) ((w2 >>> 4) & 0x3FFFFFL);
      out[o + 7] = (int) ((w2 >>> 26) & 0x3FFFFFL);
    }
  }

  private static void unpack23(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 23, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0x7FFFFFL);
      out[o + 1] = (int) ((w0 >>> 23) & 0x7FFFFFL);
      out[o + 2] = (int) (((w0 >>> 46) | (w1 << 18)) & 0x7FFFFFL);
      out[o + 3] = (int) ((w1 >>> 5) & 0x7FFFFFL);
      out[o + 4] = (int) ((w1 >>> 28) & 0x7FFFFFL);
      out[o + 5] = (int) (((w1 >>> 51) | (w2 << 13)) & 0x7FFFFFL);
      out[o + 6] = (int) ((w2 >>> 10) & 0x7FFFFFL);
      out[o + 7] = (int) ((w2 >>> 33) & 0x7FFFFFL);
    }
  }

  private static void unpack24(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 24, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      out[o] = (int) (w0 & 0xFFFFFFL);
      out[o + 1] = (int) ((w0 >>> 24) & 0xFFFFFFL);
      out[o + 2] = (int) (((w0 >>> 48) | (w1 << 16)) & 0xFFFFFFL);
      out[o + 3] = (int) ((w1 >>> 8) & 0xFFFFFFL);
      out[o + 4] = (int) ((w1 >>> 32) & 0xFFFFFFL);
      out[o + 5] = (int) (((w1 >>> 56) | (w2 << 8)) & 0xFFFFFFL);
      out[o + 6] = (int) ((w2 >>> 16) & 0xFFFFFFL);
      out[o + 7] = (int) (w2 >>> 40);
    }
  }

  private static void unpack25(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 25, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x1FFFFFFL);
      out[o + 1] = (int) ((w0 >>> 25) & 0x1FFFFFFL);
      out[o + 2] = (int) (((w0 >>> 50) | (w1 << 14)) & 0x1FFFFFFL);
      out[o + 3] = (int) ((w1 >>> 11) & 0x1FFFFFFL);
      out[o + 4] = (int) ((w1 >>> 36) & 0x1FFFFFFL);
      out[o + 5] = (int) (((w1 >>> 61) | (w2 << 3)) & 0x1FFFFFFL);
      out[o + 6] = (int) ((w2 >>> 22) & 0x1FFFFFFL);
      out[o + 7] = (int) (((w2 >>> 47) | (w3 << 17)) & 0x1FFFFFFL);
    }
  }

  private static void unpack26(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 26, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x3FFFFFFL);
      out[o + 1] = (int) ((w0 >>> 26) & 0x3FFFFFFL);
      out[o + 2] = (int) (((w0 >>> 52) | (w1 << 12)) & 0x3FFFFFFL);
      out[o + 3] = (int) ((w1 >>> 14) & 0x3FFFFFFL);
      out[o + 4] = (int) (((w1 >>> 40) | (w2 << 24)) & 0x3FFFFFFL);
      out[o + 5] = (int) ((w2 >>> 2) & 0x3FFFFFFL);
      out[o + 6] = (int) ((w2 >>> 28) & 0x3FFFFFFL);
      out[o + 7] = (int) (((w2 >>> 54) | (w3 << 10)) & 0x3FFFFFFL);
    }
  }

  private static void unpack27(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 27, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x7FFFFFFL);
      out[o + 1] = (int) ((w0 >>> 27) & 0x7FFFFFFL);
      out[o + 2] = (int) (((w0 >>> 54) | (w1 << 10)) & 0x7FFFFFFL);
      out[o + 3] = (int) ((w1 >>> 17) & 0x7FFFFFFL);
      out[o + 4] = (int) (((w1 >>> 44) | (w2 << 20)) & 0x7FFFFFFL);
      out[o + 5] = (int) ((w2 >>> 7) & 0x7FFFFFFL);
      out[o + 6] = (int) ((w2 >>> 34) & 0x7FFFFFFL);
      out[o + 7] = (int) (((w2 >>> 61) | (w3 << 3)) & 0x7FFFFFFL);
    }
  }

  private static void unpack28(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 28, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0xFFFFFFFL);
      out[o + 1] = (int) ((w0 >>> 28) & 0xFFFFFFFL);
      out[o + 2] = (int) (((w0 >>> 56) | (w1 << 8)) & 0xFFFFFFFL);
      out[o + 3] = (int) ((w1 >>> 20) & 0xFFFFFFFL);
      out[o + 4] = (int) (((w1 >>> 48) | (w2 << 16)) & 0xFFFFFFFL);
      out[o + 5] = (int) ((w2 >>> 12) & 0xFFFFFFFL);
      out[o + 6] = (int) (((w2 >>> 40) | (w3 << 24)) & 0xFFFFFFFL);
      out[o + 7] = (int) ((w3 >>> 4) & 0xFFFFFFFL);
    }
  }

  private static void unpack29(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 29, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x1FFFFFFFL);
      out[o + 1] = (int) ((w0 >>> 29) & 0x1FFFFFFFL);
      out[o + 2] = (int) (((w0 >>> 58) | (w1 << 6)) & 0x1FFFFFFFL);
      out[o + 3] = (int) ((w1 >>> 23) & 0x1FFFFFFFL);
      out[o + 4] = (int) (((w1 >>> 52) | (w2 << 12)) & 0x1FFFFFFFL);
      out[o + 5] = (int) ((w2 >>> 17) & 0x1FFFFFFFL);
      out[o + 6] = (int) (((w2 >>> 46) | (w3 << 18)) & 0x1FFFFFFFL);
      out[o + 7] = (int) ((w3 >>> 11) & 0x1FFFFFFFL);
    }
  }

  private static void unpack30(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 30, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x3FFFFFFFL);
      out[o + 1] = (int) ((w0 >>> 30) & 0x3FFFFFFFL);
      out[o + 2] = (int) (((w0 >>> 60) | (w1 << 4)) & 0x3FFFFFFFL);
      out[o + 3] = (int) ((w1 >>> 26) & 0x3FFFFFFFL);
      out[o + 4] = (int) (((w1 >>> 56) | (w2 << 8)) & 0x3FFFFFFFL);
      out[o + 5] = (int) ((w2 >>> 22) & 0x3FFFFFFFL);
      out[o + 6] = (int) (((w2 >>> 52) | (w3 << 12)) & 0x3FFFFFFFL);
      out[o + 7] = (int) ((w3 >>> 18) & 0x3FFFFFFFL);
    }
  }

  private static void unpack31(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 31, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) (w0 & 0x7FFFFFFFL);
      out[o + 1] = (int) ((w0 >>> 31) & 0x7FFFFFFFL);
      out[o + 2] = (int) (((w0 >>> 62) | (w1 << 2)) & 0x7FFFFFFFL);
      out[o + 3] = (int) ((w1 >>> 29) & 0x7FFFFFFFL);
      out[o + 4] = (int) (((w1 >>> 60) | (w2 << 4)) & 0x7FFFFFFFL);
      out[o + 5] = (int) ((w2 >>> 27) & 0x7FFFFFFFL);
      out[o + 6] = (int) (((w2 >>> 58) | (w3 << 6)) & 0x7FFFFFFFL);
      out[o + 7] = (int) ((w3 >>> 25) & 0x7FFFFFFFL);
    }
  }

  private static void unpack32(byte[] in, int p, int[] out, int o, int groups) {
    for (int g = 0; g < groups; g++, p += 32, o += 8) {
      long w0 = (long) LONGS.get(in, p);
      long w1 = (long) LONGS.get(in, p + 8);
      long w2 = (long) LONGS.get(in, p + 16);
      long w3 = (long) LONGS.get(in, p + 24);
      out[o] = (int) w0;
      out[o + 1] = (int) (w0 >>> 32);
      out[o + 2] = (int) w1;
      out[o + 3] = (int) (w1 >>> 32);
      out[o + 4] = (int) w2;
      out[o + 5] = (int) (w2 >>> 32);
      out[o + 6] = (int) w3;
      out[o + 7] = (int) (w3 >>> 32);
    }
  }
}
