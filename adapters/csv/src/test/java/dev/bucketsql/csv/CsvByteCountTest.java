package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A count (no field kept) and a full read of the byte reader see the same records: the same record
 * lines, skipped records and errors, and the split-boundary scanner ends the same records at the
 * same bytes, over random objects with every awkward case, including fields and records over the
 * limits, read a few bytes at a time.
 */
class CsvByteCountTest {
  private static final String[] PIECES = {
    "a",
    "bc",
    "7",
    " ",
    "\t",
    ",",
    ",",
    ",",
    "\"",
    "\"\"",
    "\\\"",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "𝄞",
    "x".repeat(20),
    "\"q, \"\"r\"\"\nz\"",
    "\"a\r\nb\"",
    "\"x\" y",
    "\"\"\r\n"
  };
  private static final byte[][] BAD = {{(byte) 0xE9}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80}};

  @Test
  void countsSeeTheRecordsAFullReadSees() throws Exception {
    Random random = new Random(2718);
    int failures = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] data = randomCsv(random);
      boolean backslash = random.nextInt(4) == 0;
      CsvDialect dialect =
          new CsvDialect(',', '"', backslash ? '\\' : '"', "\n", 0, false, false, true, false);
      CsvOptions options =
          CsvOptions.builder()
              .maxCharsPerColumn(1 + random.nextInt(40))
              .maxColumns(2 + random.nextInt(6))
              .build();
      int width = 1 + random.nextInt(3);
      boolean skip = random.nextBoolean();
      int chunk = 1 + random.nextInt(random.nextBoolean() ? 4 : 200);
      int[] all = new int[width];
      for (int c = 0; c < width; c++) {
        all[c] = c;
      }
      String full = read(data, dialect, options, width, all, skip, chunk);
      String count = read(data, dialect, options, width, new int[0], skip, 1 + random.nextInt(64));
      assertThat(count).as("object %s, width %s, skip %s", show(data), width, skip).isEqualTo(full);
      failures += full.contains("error ") ? 1 : 0;
      assertThat(boundaries(data, dialect, 1 + random.nextInt(50)))
          .as("object %s", show(data))
          .isEqualTo(boundaries(data, dialect, data.length + 1));
    }
    assertThat(failures).isBetween(100, 5900);
  }

  /** Record lines, skips and the error, as text. */
  private static String read(
      byte[] data,
      CsvDialect dialect,
      CsvOptions options,
      int width,
      int[] selected,
      boolean skip,
      int chunk) {
    StringBuilder s = new StringBuilder();
    try (CsvByteRecordReader reader =
        new CsvByteRecordReader(
            "k",
            () -> new Trickle(data, chunk),
            0,
            dialect,
            options,
            width,
            selected,
            skip ? r -> s.append("skip ").append(r).append('\n') : null)) {
      while (reader.next() != null) {
        s.append(reader.recordLine()).append('\n');
      }
      s.append("newlines ").append(reader.newlines());
    } catch (RuntimeException e) {
      s.append("error ").append(e.getMessage());
    }
    return s.toString();
  }

  /** Where the scanner ends records when it is fed {@code chunk} bytes per call. */
  private static String boundaries(byte[] data, CsvDialect dialect, int chunk) {
    CsvByteScanner scanner = new CsvByteScanner(dialect);
    StringBuilder s = new StringBuilder();
    int at = 0;
    while (at < data.length) {
      int to = Math.min(data.length, at + chunk);
      byte[] piece = java.util.Arrays.copyOfRange(data, at, to);
      int from = 0;
      while (from < piece.length) {
        int end = scanner.scan(piece, from, piece.length, from);
        if (end < 0) {
          break;
        }
        s.append(at + end).append(' ');
        from = end;
      }
      at = to;
    }
    return s.append("newlines ").append(scanner.newlines()).toString();
  }

  private static byte[] randomCsv(Random random) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = random.nextInt(40);
    for (int p = 0; p < pieces; p++) {
      if (random.nextInt(50) == 0) {
        out.write(BAD[random.nextInt(BAD.length)]);
      } else {
        out.write(PIECES[random.nextInt(PIECES.length)].getBytes(UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static String show(byte[] data) {
    return new String(data, UTF_8).replace("\r", "\\r").replace("\n", "\\n");
  }
}
