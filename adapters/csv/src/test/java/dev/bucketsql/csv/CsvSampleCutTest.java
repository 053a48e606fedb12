package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sample is the head of an object, cut anywhere: inside a quoted field, between the CR and LF
 * of a line break, inside a multi-byte character. Whatever the cut, the sample's records are the
 * object's first records, the one the cut went through left out, and a cut never fails (records of
 * the wrong width are skipped here, as in skip mode, so random objects read at all).
 */
class CsvSampleCutTest {
  private static final String[] PIECES = {
    "a",
    "12",
    " ",
    ",",
    ",",
    "\"",
    "\"\"",
    "\n",
    "\n",
    "\r\n",
    "é",
    "€",
    "𝄞",
    "\"q, \"\"r\"\"\nz\"",
    "\"a\r\nb\""
  };

  @Test
  void everyCutGivesAPrefixOfTheObjectsRecords() throws Exception {
    Random random = new Random(5);
    int checked = 0;
    for (int i = 0; i < 300; i++) {
      byte[] data = randomObject(random);
      CsvDialect dialect = new CsvDialect(',', '"', '"', "\n", 0, false, false, true, false);
      CsvOptions options = CsvOptions.builder().skipMalformed(true).build();
      List<String> whole = records(new CsvSample(data, false), dialect, options);
      for (int cut = 0; cut <= data.length; cut++) {
        CsvSample head = new CsvSample(Arrays.copyOf(data, cut), cut < data.length);
        List<String> part = records(head, dialect, options);
        String what = "object " + new String(data, UTF_8) + " cut at " + cut;
        assertThat(part.size()).as(what).isLessThanOrEqualTo(whole.size());
        assertThat(part).as(what).isEqualTo(whole.subList(0, part.size()));
        if (cut < data.length && !new String(data, UTF_8).contains("\"")) {
          // Without quotes a record ends at each line feed: the cut sample reads like the whole
          // object up to the last line feed before the cut.
          int end = lastLineEnd(data, cut);
          CsvSample lines = new CsvSample(Arrays.copyOf(data, end), false);
          assertThat(part).as(what).isEqualTo(records(lines, dialect, options));
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3000);
  }

  @Test
  void aCutInsideAQuotedFieldOrACharacterLeavesThatRecordOut() {
    CsvDialect dialect = new CsvDialect(',', '"', '"', "\n", 0, false, false, true, false);
    byte[] data = "a,b\n1,\"x\ny\"\n2,€\n".getBytes(UTF_8);
    for (int cut = 4; cut < data.length; cut++) {
      CsvSample head = new CsvSample(Arrays.copyOf(data, cut), true);
      int expected = cut < 12 ? 1 : cut < data.length ? 2 : 3;
      assertThat(head.records("k", dialect, CsvOptions.defaults()))
          .as("cut at %s", cut)
          .hasSize(expected);
    }
  }

  /** Just past the last line feed within the first {@code cut} bytes; 0 when there is none. */
  private static int lastLineEnd(byte[] data, int cut) {
    for (int i = cut - 1; i >= 0; i--) {
      if (data[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static List<String> records(CsvSample sample, CsvDialect dialect, CsvOptions options) {
    return sample.records("k", dialect, options).stream().map(Arrays::toString).toList();
  }

  private static byte[] randomObject(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean quotes = random.nextBoolean();
    int pieces = random.nextInt(30);
    for (int p = 0; p < pieces; p++) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      if (!quotes && piece.indexOf('"') >= 0) {
        continue;
      }
      out.writeBytes(piece.getBytes(UTF_8));
    }
    return out.toByteArray();
  }
}
