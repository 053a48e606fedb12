package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quote, escape and header sniffing, and their overrides, over the real S3 server. */
@ExtendWith(CsvS3.class)
class CsvDialectSniffingTest {
  @Test
  void singleQuotesAreSniffedWhenTheyQuoteDelimiters() {
    CsvDataFile f = file("single.csv", "id,name\n1,'a, b'\n2,'c'\n3,d\n");
    assertThat(f.dialect().quote()).isEqualTo('\'');
    assertThat(f.dialect().quoteSniffed()).isTrue();
    assertThat(rows(f)).containsExactly(List.of(1L, "a, b"), List.of(2L, "c"), List.of(3L, "d"));
  }

  @Test
  void apostrophesInsideTextDoNotMakeSingleQuotesTheQuote() {
    CsvDataFile f = file("apos.csv", "id,review\n1,\"don't, ever\"\n2,it's fine\n");
    assertThat(f.dialect().quote()).isEqualTo('"');
    assertThat(rows(f)).containsExactly(List.of(1L, "don't, ever"), List.of(2L, "it's fine"));
  }

  @Test
  void backslashEscapesAreSniffed() {
    CsvDataFile f = file("bs.csv", "id,q\n1,\"say \\\"hi, there\\\" ok\"\n2,\"plain\"\n");
    assertThat(f.dialect().escape()).isEqualTo('\\');
    assertThat(rows(f)).containsExactly(List.of(1L, "say \"hi, there\" ok"), List.of(2L, "plain"));
  }

  @Test
  void doubledQuotesStayTheDefaultEscape() {
    CsvDataFile f = file("dbl.csv", "id,q\n1,\"say \"\"hi, there\"\" ok\"\n");
    assertThat(f.dialect().escape()).isEqualTo('"');
    assertThat(rows(f)).containsExactly(List.of(1L, "say \"hi, there\" ok"));
  }

  @Test
  void aFileWithoutHeaderIsSniffedAsSuch() {
    CsvDataFile f = file("nohead.csv", "1,2008-06-14,5,good\n2,2009-01-01,4,fine\n");
    assertThat(f.dialect().header()).isFalse();
    assertThat(f.dialect().headerSniffed()).isTrue();
    assertThat(f.schema().column(0).name()).isEqualTo("column0");
    assertThat(f.schema().column(1).type()).isEqualTo(ColumnType.DATE);
    assertThat(rows(f)).hasSize(2);
  }

  @Test
  void aHeaderIsSniffedWhenItsNamesDoNotFitTheColumnTypes() {
    CsvDataFile f = file("head.csv", "user_id,date,rating\n1,2008-06-14,5\n2,2009-01-01,4\n");
    assertThat(f.dialect().header()).isTrue();
    assertThat(f.schema().column(2).name()).isEqualTo("rating");
    assertThat(rows(f)).hasSize(2);
  }

  @Test
  void allTextColumnsAssumeAHeaderAndTheOptionOverridesIt() {
    String text = "alpha,beta\ngamma,delta\n";
    assertThat(file("text.csv", text).dialect().header()).isTrue();
    CsvDataFile f = file("text2.csv", text, CsvOptions.builder().header(false).build());
    assertThat(f.dialect().headerSniffed()).isFalse();
    assertThat(rows(f)).containsExactly(List.of("alpha", "beta"), List.of("gamma", "delta"));
  }

  @Test
  void bomCrlfTabsAndPipesTogether() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write("id|note\r\n1|\"a|b\r\nc\"\r\n2|x\r\n".getBytes(UTF_8));
    CsvDataFile f = file("pipes.csv", out.toByteArray(), CsvOptions.defaults());
    assertThat(f.dialect().delimiter()).isEqualTo('|');
    assertThat(f.dialect().bomLength()).isEqualTo(3);
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r\n");
    assertThat(f.schema().column(0).name()).isEqualTo("id");
    assertThat(rows(f)).containsExactly(List.of(1L, "a|b\r\nc"), List.of(2L, "x"));
    CsvDataFile tabs = file("tabs.tsv", "a\tb\n1\t2\n");
    assertThat(tabs.dialect().delimiter()).isEqualTo('\t');
  }

  @Test
  void quoteAndEscapeCanBeForced() {
    CsvOptions o = CsvOptions.builder().quote('\'').escape('\\').build();
    CsvDataFile f = file("forced.csv", "id,q\n1,'it\\'s'\n", o);
    assertThat(f.dialect().quoteSniffed()).isFalse();
    assertThat(rows(f)).containsExactly(List.of(1L, "it's"));
  }
}
