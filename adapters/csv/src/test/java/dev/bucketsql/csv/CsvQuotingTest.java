package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RFC 4180 quoting and line endings: what reviews with commas, quotes and newlines need. */
@ExtendWith(CsvS3.class)
class CsvQuotingTest {
  @Test
  void quotedFieldsKeepDelimitersDoubledQuotesAndLineBreaks() {
    CsvDataFile f =
        file(
            "reviews.csv",
            "id,review\n"
                + "1,\"tasty, quick\"\n"
                + "2,\"she said \"\"wow\"\"\"\n"
                + "3,\"first line\nsecond line\"\n"
                + "4,\"windows\r\nbreak\"\n"
                + "5,plain\n");
    assertThat(rows(f))
        .containsExactly(
            List.of(1L, "tasty, quick"),
            List.of(2L, "she said \"wow\""),
            List.of(3L, "first line\nsecond line"),
            List.of(4L, "windows\r\nbreak"),
            List.of(5L, "plain"));
  }

  @Test
  void crlfLineEndingsDoNotLeakIntoValues() {
    CsvDataFile f = file("crlf.csv", "a,b\r\n1,x\r\n2,\"y\"\r\n3,\"multi\r\nline\"\r\n");
    assertThat(rows(f))
        .containsExactly(List.of(1L, "x"), List.of(2L, "y"), List.of(3L, "multi\r\nline"));
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r\n");
  }

  @Test
  void mixedLineEndingsReadAlike() {
    CsvDataFile f = file("mixed.csv", "a,b\n1,x\r\n2,y\n3,z");
    assertThat(rows(f)).containsExactly(List.of(1L, "x"), List.of(2L, "y"), List.of(3L, "z"));
  }

  @Test
  void utf8ByteOrderMarkIsStrippedFromTheFirstColumnName() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write("name,qty\ncrème brûlée,2\n".getBytes(UTF_8));
    CsvDataFile f = file("bom.csv", out.toByteArray(), CsvOptions.defaults());
    assertThat(f.schema().column(0).name()).isEqualTo("name");
    assertThat(f.dialect().bomLength()).isEqualTo(3);
    assertThat(rows(f)).containsExactly(List.of("crème brûlée", 2L));
  }

  @Test
  void quotedValuesOfTypedColumnsConvertAndWhitespaceAfterClosingQuoteIsAllowed() {
    CsvDataFile f = file("typed.csv", "n,s\n\"42\" ,\"a\"\n\"7\",\" b \"\n");
    assertThat(rows(f)).containsExactly(List.of(42L, "a"), List.of(7L, " b "));
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsData() {
    CsvDataFile f = file("inch.csv", "size,item\n12\" pan,tray\n");
    assertThat(rows(f)).containsExactly(List.of("12\" pan", "tray"));
  }

  @Test
  void aCustomEscapeCharacterEscapesQuotes() {
    CsvOptions options = CsvOptions.builder().escape('\\').build();
    CsvDataFile f = file("escaped.csv", "a,b\n1,\"say \\\"hi\\\", then go\"\n", options);
    assertThat(rows(f)).containsExactly(List.of(1L, "say \"hi\", then go"));
  }
}
