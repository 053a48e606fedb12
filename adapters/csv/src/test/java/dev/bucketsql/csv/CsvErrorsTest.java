package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input fails with the key, the line where the record starts, and a hint. */
@ExtendWith(CsvS3.class)
class CsvErrorsTest {
  /** Lines 1-6 hold a header and records spanning lines, so line 7 is only right if all count. */
  private static final String HEAD =
      "id,review,rating\n"
          + "1,\"good\",5\n"
          + "2,\"multi\nline\",4\n"
          + "3,\"crlf\r\ninside\",3\r\n"
          + "\n";

  /** Samples only the header and the first record, so later values are checked, not inferred. */
  private static final CsvOptions SMALL_SAMPLE =
      CsvOptions.builder().sampleBytes("id,review,rating\n1,\"good\",5\n".length() + 1).build();

  @Test
  void aValueNotFittingTheInferredTypeFailsWithKeyLineColumnAndValue() {
    CsvDataFile f = file("reviews.csv", HEAD + "4,\"bad\",five\n5,ok,1\n", SMALL_SAMPLE);
    assertThat(f.schema().column(2).type()).isEqualTo(ColumnType.BIGINT);
    List<Object> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), new IoStats()))) {
                while (c.moveNext()) {
                  seen.add(c.current()[0]);
                }
              }
            })
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "CSV object 'reviews.csv' line 8, column 'rating': value 'five' is not a valid"
                + " BIGINT (the type inferred from the sample at the head of the object);"
                + " declare the column's type in the CSV options, for example VARCHAR");
    assertThat(seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aLongOffendingValueIsCutInTheMessage() {
    String longValue = "x".repeat(500);
    CsvDataFile f =
        file(
            "long.csv",
            "id,n\n1,2\n2," + longValue + "\n",
            CsvOptions.builder().sampleBytes(10).build());
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("line 3, column 'n': value '" + "x".repeat(80) + "...(500 chars)'")
        .hasMessageNotContaining("x".repeat(81));
  }

  @Test
  void aValueNotFittingADeclaredTypeSaysItWasDeclared() {
    CsvOptions options = CsvOptions.builder().columnType("n", ColumnType.DATE).build();
    CsvDataFile f = file("d.csv", "n\n2024-01-01\n2024-13-01\n", options);
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "CSV object 'd.csv' line 3, column 'n': value '2024-13-01' is not a valid DATE (the"
                + " type declared for the column); fix the value or declare the column VARCHAR");
  }

  @Test
  void aRecordWithTheWrongFieldCountFailsInFullAndCountScans() {
    CsvDataFile f = file("count.csv", HEAD + "4,a,1,extra\n", SMALL_SAMPLE);
    String expected =
        "CSV object 'count.csv' line 8: record has 4 fields, expected 3 like the first record;"
            + " check the delimiter (',') and that fields holding it are quoted";
    assertThatThrownBy(() -> rows(f)).isInstanceOf(FormatException.class).hasMessage(expected);
    assertThatThrownBy(() -> count(f)).isInstanceOf(FormatException.class).hasMessage(expected);
  }

  @Test
  void aShortLastRecordWithoutLineBreakFails() {
    CsvDataFile f = file("short.csv", "a,b\n1,2\n3");
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("CSV object 'short.csv' line 3: record has 1 fields, expected 2");
  }

  @Test
  void anUnterminatedQuoteAtTheEndFailsWithTheLineWhereItsRecordStarts() {
    CsvDataFile f = file("open.csv", HEAD + "4,\"never closed,1\n5,x,2\n", SMALL_SAMPLE);
    String expected =
        "CSV object 'open.csv' line 8: a quoted field opened in this record is not closed before"
            + " the end of the object; add the missing closing quote (\")";
    assertThatThrownBy(() -> rows(f)).isInstanceOf(FormatException.class).hasMessage(expected);
    assertThatThrownBy(() -> count(f)).isInstanceOf(FormatException.class).hasMessage(expected);
  }

  @Test
  void textAfterAClosingQuoteFails() {
    CsvDataFile f = file("after.csv", "a,b\n1,\"x\"y\n");
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'after.csv' line 2: unexpected character 'y' after the closing quote");
  }

  @Test
  void invalidUtf8FailsWithLineAndByteOffset() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("a,b\n1,ok\n2,caf".getBytes(UTF_8));
    int offset = out.size();
    out.write(0xE9); // Latin-1 'é': not UTF-8
    out.write("\n".getBytes(UTF_8));
    // The sample ends before the bad byte, so the scan, not the schema, meets it.
    CsvDataFile f =
        file("latin1.csv", out.toByteArray(), CsvOptions.builder().sampleBytes(9).build());
    assertThat(f.schema().size()).isEqualTo(2);
    String expected =
        "CSV object 'latin1.csv' line 3 (byte offset "
            + offset
            + "): invalid UTF-8 byte sequence; convert the object to UTF-8 or set the charset"
            + " option to its encoding (for example ISO-8859-1)";
    assertThatThrownBy(() -> rows(f)).isInstanceOf(FormatException.class).hasMessage(expected);
    assertThatThrownBy(() -> count(f)).isInstanceOf(FormatException.class).hasMessage(expected);
    CsvDataFile latin1 =
        file(
            "latin1.csv",
            out.toByteArray(),
            CsvOptions.builder().charset(java.nio.charset.StandardCharsets.ISO_8859_1).build());
    assertThat(rows(latin1)).containsExactly(List.of(1L, "ok"), List.of(2L, "café"));
  }

  @Test
  void aFieldLongerThanTheLimitFails() {
    CsvOptions options = CsvOptions.builder().maxCharsPerColumn(100).sampleBytes(20).build();
    CsvDataFile f = file("huge.csv", "a,b\n1,x\n2,\"" + "y".repeat(150) + "\"\n", options);
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "CSV object 'huge.csv' line 3: a field is longer than 100 characters"
                + " (maxCharsPerColumn); this often means an unclosed quote, otherwise raise"
                + " maxCharsPerColumn");
  }

  @Test
  void anErrorInTheSampleFailsTheSchema() {
    CsvDataFile f = file("bad-head.csv", "a,b\n1,2,3\n");
    assertThatThrownBy(f::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'bad-head.csv' line 2: record has 3 fields, expected 2");
  }
}
