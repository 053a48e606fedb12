package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native SNAPPY decoder against the pure-Java one, its checks, and the fallback. */
class NativeSnappyCodecTest {
  private static final SnappyCompressor COMPRESSOR = new SnappyCompressor();

  @Test
  void loadsOnTheLinuxPlatformsTheBuildRunsOn() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    assumeThat(os).startsWith("linux");
    assumeThat(arch).isIn("amd64", "x86_64", "aarch64");
    assertThat(NativeSnappy.available())
        .as("native Snappy loads on %s/%s unless %s says java", os, arch, NativeSnappy.PROPERTY)
        .isEqualTo(!"java".equals(System.getProperty(NativeSnappy.PROPERTY)));
  }

  @Test
  void decodesEveryKindOfPageAsThePureJavaDecoderDoes() throws IOException {
    assumeThat(NativeSnappy.available()).isTrue();
    NativeSnappyCodec codec = new NativeSnappyCodec();
    SnappyDecompressor reference = new SnappyDecompressor();
    Random random = new Random(20261207);
    for (int round = 0; round < 300; round++) {
      byte[] plain = page(random, round);
      byte[] packed = compress(plain);
      // The page lies in the middle of a larger buffer, as pages read from an object do.
      byte[] input = new byte[packed.length + 13];
      System.arraycopy(packed, 0, input, 7, packed.length);
      byte[] expected = new byte[plain.length];
      int n = reference.decompress(input, 7, packed.length, expected, 0, expected.length);
      assertThat(n).isEqualTo(plain.length);
      byte[] output = new byte[plain.length + 10];
      Arrays.fill(output, (byte) 0x5A);
      codec.decompress(input, 7, packed.length, output, 5, plain.length);
      assertThat(Arrays.copyOfRange(output, 5, 5 + plain.length))
          .as("round %d, %d bytes", round, plain.length)
          .isEqualTo(expected)
          .isEqualTo(plain);
      assertThat(output[4]).isEqualTo((byte) 0x5A);
      assertThat(output[5 + plain.length]).isEqualTo((byte) 0x5A);
    }
  }

  @Test
  void refusesAPageWhoseDeclaredSizeDisagreesWithItsHeader() throws IOException {
    assumeThat(NativeSnappy.available()).isTrue();
    byte[] plain =
        "a page of text, a page of text, a page of text".getBytes(StandardCharsets.UTF_8);
    byte[] packed = compress(plain);
    NativeSnappyCodec codec = new NativeSnappyCodec();
    byte[] roomy = new byte[plain.length * 2];
    assertThatThrownBy(() -> codec.decompress(packed, 0, packed.length, roomy, 0, plain.length + 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("declares " + plain.length + " bytes");
    assertThatThrownBy(() -> codec.decompress(packed, 0, packed.length, roomy, 0, plain.length - 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("header says " + (plain.length - 1));
    assertThatThrownBy(() -> codec.decompress(packed, 0, packed.length, roomy, 50, plain.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no room");
  }

  @Test
  void corruptPagesFailAsIoExceptionsAndNeverWriteOutsideTheirPlace() {
    assumeThat(NativeSnappy.available()).isTrue();
    NativeSnappyCodec codec = new NativeSnappyCodec();
    Random random = new Random(7);
    int failures = 0;
    for (int round = 0; round < 2000; round++) {
      byte[] plain = page(random, round);
      byte[] packed = compress(plain);
      byte[] broken;
      if (round % 3 == 0) {
        broken = Arrays.copyOf(packed, random.nextInt(packed.length));
      } else {
        broken = packed.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          broken[random.nextInt(broken.length)] = (byte) random.nextInt();
        }
      }
      byte[] output = new byte[plain.length + 16];
      Arrays.fill(output, (byte) 0x33);
      try {
        codec.decompress(broken, 0, broken.length, output, 8, plain.length);
      } catch (IOException expected) {
        failures++;
      }
      for (int i = 0; i < 8; i++) {
        assertThat(output[i]).as("round %d, guard before", round).isEqualTo((byte) 0x33);
        assertThat(output[8 + plain.length + i])
            .as("round %d, guard after", round)
            .isEqualTo((byte) 0x33);
      }
    }
    assertThat(failures).as("corruptions caught").isGreaterThan(500);
  }

  @Test
  void fallsBackToThePureJavaDecoderWhenTheLibraryCannotLoadOrIsNotWanted(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("not-a-directory");
    java.nio.file.Files.writeString(file, "x");
    // snappy-java unpacks its library into this directory, which is a file: it cannot load.
    assertThat(child("-Dorg.xerial.snappy.tempdir=" + file)).isEqualTo("native=false ok");
    assertThat(child("-D" + NativeSnappy.PROPERTY + "=java")).isEqualTo("native=false ok");
    assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).startsWith("linux");
    assertThat(child("-D" + NativeSnappy.PROPERTY + "=native")).isEqualTo("native=true ok");
  }

  /** Runs {@link Child} in a fresh JVM with {@code option} and returns its one line of output. */
  private static String child(String option) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(option);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Child.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8).trim();
    assertThat(process.exitValue()).as(text).isZero();
    String[] lines = text.split("\n");
    return lines[lines.length - 1].trim();
  }

  /** Decompresses one SNAPPY page through the factory and says which decoder it had. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      byte[] plain = page(new Random(1), 42);
      byte[] packed = compress(plain);
      byte[] out =
          new ParquetCodecFactory()
              .getDecompressor(CompressionCodecName.SNAPPY)
              .decompress(org.apache.parquet.bytes.BytesInput.from(packed), plain.length)
              .toByteArray();
      System.out.println(
          "native=" + NativeSnappy.available() + (Arrays.equals(out, plain) ? " ok" : " WRONG"));
    }
  }

  private static byte[] compress(byte[] plain) {
    byte[] packed = new byte[COMPRESSOR.maxCompressedLength(plain.length)];
    int n = COMPRESSOR.compress(plain, 0, plain.length, packed, 0, packed.length);
    return Arrays.copyOf(packed, n);
  }

  /** Pages of the shapes Parquet writes: random bytes, small longs, runs, text, and empty ones. */
  private static byte[] page(Random random, int round) {
    int size = round % 50 == 0 ? 0 : 1 + random.nextInt(round % 7 == 0 ? 300_000 : 5_000);
    byte[] data = new byte[size];
    switch (round % 4) {
      case 0 -> random.nextBytes(data);
      case 1 -> {
        ByteBuffer longs = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (longs.remaining() >= 8) {
          longs.putLong(random.nextInt(1 + round));
        }
      }
      case 2 -> {
        int i = 0;
        while (i < size) {
          byte value = (byte) random.nextInt(4);
          int run = 1 + random.nextInt(200);
          for (int k = 0; k < run && i < size; k++) {
            data[i++] = value;
          }
        }
      }
      default -> {
        byte[] words = "stew,chicken,bake;oven 350F;".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
          data[i] = random.nextInt(9) == 0 ? (byte) random.nextInt() : words[i % words.length];
        }
      }
    }
    return data;
  }
}
