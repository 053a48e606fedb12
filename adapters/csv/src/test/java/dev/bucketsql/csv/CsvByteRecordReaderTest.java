package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader (the UTF-8 hot path) gives exactly what the decoder + univocity path gives:
 * the same fields, record lines, errors and skipped records, over thousands of random objects full
 * of the awkward cases (quotes, doubled quotes, escapes, quoted CR LF, lone CRs, blank lines,
 * non-ASCII and invalid bytes, short and long records, fields near the length limit), read through
 * a stream that hands out bytes a few at a time so every buffer edge is crossed.
 */
class CsvByteRecordReaderTest {
  private static final String[] PIECES = {
    "a",
    "bc",
    "12",
    " ",
    "\t",
    ",",
    ",",
    ",",
    ";",
    "\"",
    "\"\"",
    "\\",
    "\\\"",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\r",
    "é",
    "€",
    "𝄞",
    "x".repeat(30),
    "'",
    "\"q, \"\"r\"\"\nz\"",
    "\"a\r\nb\"",
    "\"c\rd\""
  };
  private static final byte[][] BAD = {
    {(byte) 0xE9},
    {(byte) 0xC0, (byte) 0x80},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xF0, (byte) 0x9F},
    {(byte) 0x80}
  };

  @Test
  void randomObjectsReadAlikeOnBothPaths() throws Exception {
    compareRandomObjects(new Random(4180), 6000, "\n", UTF_8);
  }

  /**
   * A single-byte charset read from its bytes (a table per charset) gives what the JDK decoder
   * gives, bytes the charset leaves unmapped (0x81, 0x9D in windows-1252) included.
   */
  @Test
  void randomWindows1252ObjectsReadAlikeOnBothPaths() throws Exception {
    compareRandomObjects(new Random(1252), 3000, "\n", Charset.forName("windows-1252"));
  }

  /**
   * The same with lines ending in a lone CR (classic Mac files): CR, CR LF and LF then all end
   * records, quoted ones are data counted as lines, on both paths.
   */
  @Test
  void randomCrObjectsReadAlikeOnBothPaths() throws Exception {
    compareRandomObjects(new Random(1984), 3000, "\r", UTF_8);
  }

  private static void compareRandomObjects(
      Random random, int objects, String lineSeparator, Charset charset) throws Exception {
    int compared = 0;
    int relaxed = 0;
    for (int i = 0; i < objects; i++) {
      byte[] data = randomCsv(random, charset);
      boolean backslash = random.nextInt(4) == 0;
      CsvDialect dialect =
          new CsvDialect(
              ',', '"', backslash ? '\\' : '"', lineSeparator, 0, false, false, true, false);
      // Limits out of reach: the old path checks them at slightly different points (raw
      // characters with quotes in skip mode); CsvErrorsTest and CsvLenientAndSkipTest pin them.
      CsvOptions options =
          CsvOptions.builder().maxCharsPerColumn(4096).maxColumns(512).charset(charset).build();
      int width = 1 + random.nextInt(3);
      boolean skip = random.nextBoolean();
      int chunk = 1 + random.nextInt(random.nextBoolean() ? 4 : 200);
      // Rejects are compared apart from rows: the old path reports them while reading ahead.
      String expected = sorted(readOld(data, dialect, options, width, skip));
      String actual = sorted(readNew(data, dialect, options, width, skip, chunk));
      String what =
          String.format(
              "object %s (backslash=%s, width=%s, skip=%s)", show(data), backslash, width, skip);
      int error = expected.indexOf("error ");
      if (error < 0) {
        assertThat(actual).as(what).isEqualTo(expected);
      } else {
        // The old path reads ahead, so it may fail before handing out the last rows before a
        // structural error; the byte path fails exactly at the record. Same error, and the old
        // path's rows are a prefix of the new path's.
        assertThat(actual).as(what).startsWith(expected.substring(0, error));
        String oldError = expected.substring(error);
        String newError = actual.substring(actual.lastIndexOf("error "));
        if (!newError.equals(oldError) && limitError(newError)) {
          // The old path checks structure ahead of univocity, which checks the limits: it may
          // report a later record's structural error first. The byte path reports the first
          // problem in byte order, so never a later line.
          assertThat(line(newError)).as(what).isLessThanOrEqualTo(line(oldError));
          relaxed++;
        } else {
          assertThat(newError).as(what).isEqualTo(oldError);
        }
      }
      compared++;
    }
    assertThat(compared).isEqualTo(objects);
    assertThat(relaxed).isLessThan(compared / 20);
  }

  @Test
  void validatesUtf8LikeTheJdkDecoder() {
    Random random = new Random(8);
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[4];
      random.nextBytes(b);
      b[0] |= (byte) 0x80;
      int n = CsvByteRecordReader.utf8(b, 0, 4);
      boolean jdk;
      try {
        String s =
            UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, 0, Math.max(n, 1))).toString();
        jdk = n > 0 && !s.isEmpty();
      } catch (java.nio.charset.CharacterCodingException e) {
        jdk = false;
      }
      assertThat(n > 0).as("bytes %s", Arrays.toString(b)).isEqualTo(jdk);
    }
  }

  private static byte[] randomCsv(Random random, Charset charset) throws Exception {
    byte[][] bad = charset.equals(UTF_8) ? BAD : new byte[][] {{(byte) 0x81}, {(byte) 0x9D}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = random.nextInt(40);
    boolean lineStart = true;
    for (int p = 0; p < pieces; p++) {
      // Invalid bytes only after a letter or digit: the old path drops them from the text, so
      // at a field's start a quote after them opens a quoted field there, and a record made of
      // nothing but them is dropped unreported; the byte path keeps them as opaque data of the
      // record it rejects.
      if (!lineStart && random.nextInt(60) == 0) {
        out.write(bad[random.nextInt(bad.length)]);
      } else {
        String piece = PIECES[random.nextInt(PIECES.length)];
        out.write(piece.getBytes(charset));
        lineStart = !Character.isLetterOrDigit(piece.charAt(piece.length() - 1));
      }
    }
    return out.toByteArray();
  }

  private static String readOld(
      byte[] data, CsvDialect dialect, CsvOptions options, int width, boolean skip) {
    StringBuilder s = new StringBuilder();
    Supplier<CsvCharSource> opener =
        () -> {
          CsvCharSource source =
              new CsvCharSource(
                  "k",
                  new ByteArrayInputStream(data),
                  0,
                  dialect,
                  options.charset(),
                  false,
                  width,
                  true);
          if (skip) {
            source.skipMalformed(
                r -> s.append("skip ").append(r).append('\n'),
                options.maxCharsPerColumn(),
                options.maxColumns());
          }
          return source;
        };
    try (CsvRecordReader reader = new CsvRecordReader("k", opener, dialect, options, null)) {
      return drain(reader, s);
    } catch (RuntimeException e) {
      return s.append("error ").append(e.getMessage()).toString();
    }
  }

  private static String readNew(
      byte[] data, CsvDialect dialect, CsvOptions options, int width, boolean skip, int chunk) {
    StringBuilder s = new StringBuilder();
    int[] all = new int[width];
    for (int c = 0; c < width; c++) {
      all[c] = c;
    }
    try (CsvByteRecordReader reader =
        new CsvByteRecordReader(
            "k",
            () -> new Trickle(data, chunk),
            0,
            dialect,
            options,
            width,
            all,
            skip ? r -> s.append("skip ").append(r).append('\n') : null)) {
      return drain(reader, s);
    } catch (RuntimeException e) {
      return s.append("error ").append(e.getMessage()).toString();
    }
  }

  private static String drain(CsvRecordSource reader, StringBuilder s) {
    String[] record;
    while ((record = reader.next()) != null) {
      List<String> fields = new ArrayList<>(Arrays.asList(record));
      s.append(reader.recordLine()).append(' ').append(show(fields)).append('\n');
    }
    return s.toString();
  }

  private static boolean limitError(String error) {
    return error.contains("(maxCharsPerColumn)") || error.contains("(maxColumns)");
  }

  private static long line(String error) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" line (\\d+)").matcher(error);
    return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  private static String sorted(String output) {
    StringBuilder rows = new StringBuilder();
    StringBuilder skips = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      (line.startsWith("skip ") ? skips : rows).append(line).append('\n');
    }
    return skips + "--\n" + rows;
  }

  private static String show(Object o) {
    String text = o instanceof byte[] b ? new String(b, UTF_8) : String.valueOf(o);
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
