package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Typed values read straight from bytes: whenever that path gives a value, it is the one the text
 * path gives; everything else goes to the text path, which decides and reports.
 */
@ExtendWith(CsvS3.class)
class CsvByteValuesTest {
  private static final ColumnType[] TYPES = {
    ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DATE, ColumnType.DOUBLE
  };
  private static final String[] EDGES = {
    "0",
    "-0",
    "7",
    "-7",
    "00",
    "007",
    "-01",
    "+5",
    " 5",
    "5 ",
    "1e3",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "999999999999999999",
    "-999999999999999999",
    "1000000000000000000",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "12345678901234567890",
    "-",
    "--1",
    "1-",
    "2008-06-14",
    "2008-02-29",
    "2007-02-29",
    "2008-13-01",
    "2008-00-10",
    "0000-01-01",
    "9999-12-31",
    "2008-6-14",
    "2008/06/14",
    "2008-06-14 ",
    "20080614",
    "2008-06-1x",
    "١٢٣",
    "12\u00e9",
    "0.1",
    "-0.0",
    ".5",
    "-.5",
    "1.",
    "00.5",
    "+1.5",
    "1.5e3",
    "0.30000000000000004",
    "123456789012345",
    "1234567890123456",
    "0.000000000000000000001",
    "0.0000000000000000000001",
    "9007199254740993",
    "4.35",
    "1.2.3",
    "-",
    ".",
    "-.",
    "5.0"
  };

  @Test
  void bytePathAgreesWithTheTextPath() {
    Random random = new Random(11);
    int read = 0;
    for (int i = 0; i < 300_000; i++) {
      String text = i < EDGES.length ? EDGES[i] : randomValue(random);
      byte[] b = ("xx" + text + "yy").getBytes(UTF_8);
      int e = b.length - 2;
      if (e <= 2) {
        continue;
      }
      for (ColumnType type : TYPES) {
        Object fast = CsvByteValues.parse(b, 2, e, type);
        if (fast != null) {
          read++;
          Object slow = CsvValues.parse(text.strip(), type);
          assertThat(fast).as("%s as %s", text, type).isEqualTo(slow);
          assertThat(fast.getClass()).as("%s as %s", text, type).isEqualTo(slow.getClass());
        }
      }
    }
    assertThat(read).isGreaterThan(100_000);
  }

  @Test
  void scansGiveTheTextPathsValuesAndErrors() {
    String text =
        "i,l,d,s\n"
            + "1,10000000000,2008-06-14,a\n"
            + "\"2\",\"-3\",\"2009-01-01\",\"b\"\n"
            + " 3 ,4 , 2010-02-03 ,c\n"
            + ",,,\n"
            + "\"\",\"\",\"\",\"\"\n"
            + "-0,-9223372036854775808,1999-12-31,d\n";
    List<List<Object>> rows = rows(file("typed-bytes.csv", text));
    assertThat(rows)
        .containsExactly(
            java.util.Arrays.asList(1L, 10_000_000_000L, 14044, "a"),
            java.util.Arrays.asList(2L, -3L, 14245, "b"),
            java.util.Arrays.asList(3L, 4L, 14643, "c"),
            java.util.Arrays.asList(null, null, null, null),
            java.util.Arrays.asList(null, null, null, null),
            java.util.Arrays.asList(0L, Long.MIN_VALUE, 10956, "d"));
    CsvDataFile nulls =
        file(
            "typed-nullstring.csv",
            "i,d\n1,2008-06-14\n0,2008-06-15\n",
            CsvOptions.builder().nullString("0").build());
    assertThat(rows(nulls))
        .containsExactly(java.util.Arrays.asList(1L, 14044), java.util.Arrays.asList(null, 14045));
    CsvDataFile bad =
        file(
            "typed-bad.csv",
            "i,d\n1,2008-06-14\n2,2008-02-30\n",
            CsvOptions.builder().columnType("d", ColumnType.DATE).build());
    assertThatThrownBy(() -> rows(bad))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'typed-bad.csv' line 3, column 'd': "
                + "value '2008-02-30' is not a valid DATE");
    CsvDataFile big =
        file(
            "typed-big.csv",
            "i\n1\n2\n3\n4\n2147483648\n",
            CsvOptions.builder().columnType("i", ColumnType.INTEGER).build());
    assertThatThrownBy(() -> rows(big))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'typed-big.csv' line 6, column 'i': "
                + "value '2147483648' is not a valid INTEGER (the type declared");
  }

  private static String randomValue(Random random) {
    StringBuilder sb = new StringBuilder();
    if (random.nextInt(3) == 0) {
      int y = random.nextInt(10_000);
      sb.append(String.format("%04d-%02d-%02d", y, random.nextInt(14), random.nextInt(33)));
      return sb.toString();
    }
    if (random.nextInt(4) == 0) {
      sb.append('-');
    }
    if (random.nextInt(3) == 0) {
      int whole = random.nextInt(8);
      for (int k = 0; k < whole; k++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
      sb.append('.');
      int fraction = random.nextInt(20);
      for (int k = 0; k < fraction; k++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
      return sb.toString();
    }
    int n = 1 + random.nextInt(21);
    for (int k = 0; k < n; k++) {
      int r = random.nextInt(40);
      sb.append(r < 37 ? (char) ('0' + r % 10) : r == 37 ? ' ' : r == 38 ? '-' : 'x');
    }
    return sb.toString();
  }
}
