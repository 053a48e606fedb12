package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.storage.ObjectInfo;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lenient values, skipped malformed records and what is reported about them; DECIMAL. */
@ExtendWith(CsvS3.class)
class CsvLenientAndSkipTest {
  private static CsvDataFile file(String key, byte[] data, CsvOptions options, CsvRejectLog log) {
    CsvS3.server().putObject(CsvS3.BUCKET, key, data);
    ObjectInfo info = CsvS3.store().head(key);
    return new CsvDataFile(CsvS3.store(), info, options, log);
  }

  @Test
  void lenientReadsMisfitsAsNullAndReportsEachWithLineAndColumn() {
    CsvRejectLog log = new CsvRejectLog();
    CsvOptions o = CsvOptions.builder().lenient(true).sampleBytes(15).build();
    CsvDataFile f =
        file("len.csv", "id,rating\n1,5\n2,five\n3,\"x\ny\"\n4,4\n".getBytes(UTF_8), o, log);
    assertThat(f.schema().column(1).type()).isEqualTo(ColumnType.BIGINT);
    assertThat(rows(f))
        .containsExactly(
            List.of(1L, 5L), Arrays.asList(2L, null), Arrays.asList(3L, null), List.of(4L, 4L));
    assertThat(log.nulled()).isEqualTo(2);
    assertThat(log.recent())
        .extracting(CsvReject::line, CsvReject::kind, CsvReject::column)
        .containsExactly(
            tuple(3L, CsvReject.Kind.NULLED, "rating"), tuple(4L, CsvReject.Kind.NULLED, "rating"));
    assertThat(log.recent().get(0).toString())
        .startsWith(
            "CSV object 'len.csv' line 3, column 'rating': value read as NULL: value"
                + " 'five' is not a valid BIGINT");
  }

  @Test
  void skipMalformedDropsEveryKindOfBadRecordAndSaysWhere() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("id,text\n1,ok\n2,too,many\n3,\"x\"y\n4,caf".getBytes(UTF_8));
    out.write(0xE9);
    out.write("\n5,\"multi\nline\"\n6,\"long".getBytes(UTF_8));
    out.write("z".repeat(50).getBytes(UTF_8));
    out.write("\"\n7,\"never closed\n".getBytes(UTF_8));
    CsvRejectLog log = new CsvRejectLog();
    CsvOptions o =
        CsvOptions.builder().skipMalformed(true).sampleBytes(14).maxCharsPerColumn(40).build();
    CsvDataFile f = file("skip.csv", out.toByteArray(), o, log);
    assertThat(rows(f)).containsExactly(List.of(1L, "ok"), List.of(5L, "multi\nline"));
    assertThat(log.skipped()).isEqualTo(5);
    assertThat(log.recent())
        .extracting(CsvReject::line, CsvReject::reason)
        .containsExactly(
            tuple(
                3L,
                "record has 3 fields, expected 2 like the first record; check the delimiter"
                    + " (',') and that fields holding it are quoted"),
            tuple(
                4L,
                "unexpected character 'y' after the closing quote of a field; quote the"
                    + " whole field and double every quote (\"\") inside it"),
            tuple(
                5L,
                "invalid UTF-8 byte sequence; convert the object to UTF-8 or set the"
                    + " charset option to its encoding (for example ISO-8859-1)"),
            tuple(
                8L,
                "a field is longer than 40 characters (maxCharsPerColumn); this often"
                    + " means an unclosed quote, otherwise raise maxCharsPerColumn"),
            tuple(
                9L,
                "a quoted field opened in this record is not closed before the end of the"
                    + " object; add the missing closing quote (\")"));
    assertThat(count(f)).isEqualTo(2);
    assertThat(log.skipped()).isEqualTo(10);
  }

  @Test
  void declaredDecimalsAreExactAndRefuseRounding() {
    CsvOptions o = CsvOptions.builder().columnDecimal("price", 6, 2).sampleBytes(20).build();
    CsvDataFile f =
        file("dec.csv", "id,price\n1,12.5\n2,0.10\n3,-7\n".getBytes(UTF_8), o, new CsvRejectLog());
    assertThat(f.schema().column(1).type()).isEqualTo(ColumnType.DECIMAL);
    assertThat(f.schema().column(1).precision()).isEqualTo(6);
    assertThat(rows(f))
        .containsExactly(
            List.of(1L, new BigDecimal("12.50")),
            List.of(2L, new BigDecimal("0.10")),
            List.of(3L, new BigDecimal("-7.00")));
    CsvDataFile bad =
        file("dec2.csv", "id,price\n1,1.234\n".getBytes(UTF_8), o, new CsvRejectLog());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows(bad))
        .hasMessage(
            "CSV object 'dec2.csv' line 2, column 'price': value '1.234' is not a valid"
                + " DECIMAL(6, 2) (the type declared for the column); fix the value or declare the"
                + " column VARCHAR");
  }
}
