package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.batchRows;
import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects whose lines end with LF, CR LF or a lone CR (classic Mac) read alike: the terminator is
 * sniffed from the head of the object, on every path (UTF-8 bytes, other charsets through the
 * decoder, counts, column batches, a scan asked to split), through the real S3 server.
 */
@ExtendWith(CsvS3.class)
class CsvLineEndingTest {
  /** Rows with a quoted line break (the object's own terminator) and a blank line. */
  private static String content(String eol) {
    return "id,review,day"
        + eol
        + "1,\"good"
        + eol
        + "again\",2024-01-02"
        + eol
        + eol
        + "2,plain,2024-01-03"
        + eol
        + "3,\"a, b\","
        + eol;
  }

  private static List<List<Object>> expected(String eol) {
    return List.of(
        List.of(1L, "good" + eol + "again", 19724),
        List.of(2L, "plain", 19725),
        Arrays.asList(3L, "a, b", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void eachTerminatorIsSniffedAndReadOnEveryPath(String eol) {
    String name = eol.equals("\r") ? "cr" : eol.equals("\n") ? "lf" : "crlf";
    CsvDataFile utf8 = file("eol/" + name + ".csv", content(eol));
    assertThat(utf8.dialect().lineSeparator()).isEqualTo(eol);
    assertThat(utf8.schema().columns())
        .extracting(Column::name, Column::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", ColumnType.BIGINT),
            org.assertj.core.groups.Tuple.tuple("review", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("day", ColumnType.DATE));
    assertThat(rows(utf8)).isEqualTo(expected(eol));
    assertThat(batchRows(utf8, new int[] {0, 1, 2}, 2)).isEqualTo(expected(eol));
    assertThat(count(utf8)).isEqualTo(3);

    CsvOptions latin1 = CsvOptions.builder().charset(ISO_8859_1).build();
    CsvDataFile chars =
        file("eol/" + name + "-latin1.csv", content(eol).getBytes(ISO_8859_1), latin1);
    assertThat(chars.dialect().lineSeparator()).isEqualTo(eol);
    assertThat(rows(chars)).isEqualTo(expected(eol));
    assertThat(count(chars)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void errorsNameThePhysicalLineWhateverTheTerminator(String eol) {
    String text = content(eol) + "4,\"x" + eol + "y\",not a date" + eol;
    CsvOptions small = CsvOptions.builder().sampleBytes(content(eol).length()).build();
    CsvOptions smallLatin1 =
        CsvOptions.builder().sampleBytes(content(eol).length()).charset(ISO_8859_1).build();
    for (CsvDataFile f :
        List.of(
            file("eol/bad.csv", text.getBytes(UTF_8), small),
            file("eol/bad-latin1.csv", text.getBytes(ISO_8859_1), smallLatin1))) {
      // Line 1 header, 2-3 the first record, 4 blank, 5 and 6 records, 7-8 the bad record.
      assertThatThrownBy(() -> rows(f))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("line 7, column 'day': value 'not a date' is not a valid DATE");
    }
  }

  @Test
  void aGzippedCrObjectReadsLikeThePlainOne() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write(content("\r").getBytes(UTF_8));
    }
    CsvDataFile f = file("eol/cr.csv.gz", gz.toByteArray(), CsvOptions.defaults());
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r");
    assertThat(rows(f)).isEqualTo(expected("\r"));
    assertThat(count(f)).isEqualTo(3);
  }

  @Test
  void aCrObjectAlsoEndsLinesAtCrLfAndLf() {
    CsvDataFile f = file("eol/cr-mixed.csv", "a,b\r1,x\r\n2,y\n3,z\r4,\"q\r\nr\"\r");
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r");
    assertThat(rows(f))
        .containsExactly(
            List.of(1L, "x"), List.of(2L, "y"), List.of(3L, "z"), List.of(4L, "q\r\nr"));
    CsvDataFile chars =
        file(
            "eol/cr-mixed-latin1.csv",
            "a,b\r1,x\r\n2,y\n3,z\r4,\"q\r\nr\"\r".getBytes(ISO_8859_1),
            CsvOptions.builder().charset(ISO_8859_1).build());
    assertThat(rows(chars)).isEqualTo(rows(f));
  }

  @Test
  void aLoneCrInsideAnLfObjectStaysData() {
    CsvDataFile f = file("eol/lf-lone-cr.csv", "a,b\n1,x\ry\n2,z\n3,w\n");
    assertThat(f.dialect().lineSeparator()).isEqualTo("\n");
    assertThat(rows(f)).containsExactly(List.of(1L, "x\ry"), List.of(2L, "z"), List.of(3L, "w"));
  }

  @Test
  void aOneColumnCrObjectReadsBlankLinesAsNull() {
    CsvDataFile f = file("eol/cr-single.csv", "n\r1\r\r3");
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r");
    assertThat(rows(f)).containsExactly(List.of(1L), Arrays.asList((Object) null), List.of(3L));
    assertThat(count(f)).isEqualTo(3);
  }

  @Test
  void aCrObjectAskedToSplitIsReadWithOneStreamAndTheSameRows() {
    StringBuilder text = new StringBuilder("id,review\r");
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String review = i % 7 == 0 ? "line\rbreak " + i : "plain " + i;
      text.append(i).append(",\"").append(review).append("\"\r");
      expected.add(List.of((long) i, review));
    }
    CsvOptions split = CsvOptions.builder().parallelism(3).splitSize(4096).build();
    CsvDataFile f = file("eol/cr-big.csv", text.toString(), split);
    assertThat(text.length()).isGreaterThan(8 * 4096);
    assertThat(rows(f)).isEqualTo(expected);
    assertThat(count(f)).isEqualTo(2_000);
  }
}
