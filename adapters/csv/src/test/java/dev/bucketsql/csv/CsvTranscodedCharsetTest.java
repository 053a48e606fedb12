package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.batchRows;
import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects in charsets whose bytes the byte reader cannot tokenize (UTF-16, UTF-32, Shift_JIS,
 * EUC-JP, GB18030, Big5) are transcoded to UTF-8 as they stream and read like UTF-8 objects: the
 * same rows, types, counts, dialect and errors as the same table written in UTF-8.
 */
@ExtendWith(CsvS3.class)
class CsvTranscodedCharsetTest {
  /**
   * Japanese text, Greek and Cyrillic (all in JIS X 0208), a quoted field holding the delimiter, a
   * line break and doubled quotes. 表 and ソ end with byte 0x5C ({@code \}) in Shift_JIS, ポ with 0x7C
   * ({@code |}): read on their own bytes they would be escapes and delimiters.
   */
  private static final String TABLE =
      "id,name,price,day,ok,note\n"
          + "1,寿司,12.5,2024-01-02,true,\"表示, ソース \"\"特選\"\"\n二行目\"\n"
          + "2,ラーメン,8,2024-02-03,false,ポン酢|ゆず\\\n"
          + "3,,0.25,2024-03-04,t,αβγ Жизнь ×\n"
          + "4,\"東京, 大阪\",100,2024-12-31,no,\n";

  private static final List<List<Object>> ROWS =
      List.of(
          List.of(1L, "寿司", 12.5, 19724, true, "表示, ソース \"特選\"\n二行目"),
          List.of(2L, "ラーメン", 8.0, 19756, false, "ポン酢|ゆず\\"),
          java.util.Arrays.asList(3L, null, 0.25, 19786, true, "αβγ Жизнь ×"),
          java.util.Arrays.asList(4L, "東京, 大阪", 100.0, 20088, false, null));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UTF-16LE+BOM",
        "UTF-16BE",
        "UTF-16",
        "UTF-32",
        "EUC-JP",
        "Shift_JIS",
        "windows-31j",
        "GB18030",
        "Big5",
        "UTF-16LE+BOM gzip"
      })
  void readsAsTheSameTableInUtf8(String spec) throws Exception {
    String name = spec.split("[+ ]")[0];
    Charset charset = Charset.forName(name);
    boolean bom = spec.contains("+BOM");
    boolean gzip = spec.endsWith("gzip");
    String text = (bom ? "\uFEFF" : "") + TABLE;
    if (name.equals("Big5")) {
      // Big5 has no kana nor Cyrillic: the same table in hanzi (功 and 許 end with byte 0x5C).
      text =
          text.replace("寿", "壽")
              .replace("ソース", "功許")
              .replace("ポン酢", "醋")
              .replace("ゆず", "柚子")
              .replace("ラーメン", "拉麵")
              .replace("Жизнь", "生活");
    }
    byte[] bytes = encode(text, charset);
    CsvDataFile utf8 =
        file("transcode/utf8-" + name + ".csv", text.getBytes(UTF_8), options(UTF_8));
    CsvOptions options = options(charset);
    String key = "transcode/" + spec.replace(' ', '-') + ".csv" + (gzip ? ".gz" : "");
    CsvDataFile f = file(key, gzip ? gzip(bytes) : bytes, options);

    assertThat(f.schema()).isEqualTo(utf8.schema());
    assertThat(f.dialect()).isEqualTo(utf8.dialect());
    assertThat(rows(f)).isEqualTo(rows(utf8));
    assertThat(batchRows(f, new int[] {0, 1, 2, 3, 4, 5}, 3)).isEqualTo(rows(utf8));
    assertThat(rows(f, 5, 0)).isEqualTo(rows(utf8, 5, 0));
    assertThat(count(f)).isEqualTo(4).isEqualTo(count(utf8));
    if (!name.equals("Big5")) {
      assertThat(rows(f)).isEqualTo(ROWS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "EUC-JP"})
  void accentsAndCharactersBeyondTheBmp(String name) {
    Charset charset = Charset.forName(name);
    String text = "\uFEFFid;text\r\n1;café crème\r\n2;'Zoë, naïve'\r\n3;寿司 \uD83D\uDE00 𝄞\r\n";
    if (name.equals("EUC-JP")) {
      // EUC-JP has no byte order mark and no code points past the BMP.
      text = text.replace("\uFEFF", "").replace("\uD83D\uDE00 𝄞", "ひらがな");
    }
    CsvOptions options = CsvOptions.builder().charset(charset).quote('\'').build();
    CsvDataFile f = file("transcode/accents-" + name + ".csv", encode(text, charset), options);
    CsvDataFile utf8 =
        file(
            "transcode/accents-utf8-" + name + ".csv",
            text.getBytes(UTF_8),
            options.toBuilder().charset(UTF_8).build());
    // UTF-32LE's decoder drops its byte order mark itself: the dialect then shows none.
    assertThat(f.dialect().toString().replace("bom=false", "bom=true"))
        .isEqualTo(utf8.dialect().toString().replace("bom=false", "bom=true"));
    assertThat(f.dialect().delimiter()).isEqualTo(';');
    assertThat(f.dialect().lineSeparator()).isEqualTo("\r\n");
    assertThat(rows(f)).isEqualTo(rows(utf8));
    assertThat(rows(f).get(1)).isEqualTo(List.of(2L, "Zoë, naïve"));
  }

  /** Given options take effect on the transcoded text: a {@code |} delimiter, {@code \} escapes. */
  @Test
  void givenOptionsActOnTheTextNotOnTheBytes() {
    Charset sjis = Charset.forName("Shift_JIS");
    String text = "ポ|'表\\'示'|NA\nソ|'a|b'|x\n";
    CsvOptions options =
        CsvOptions.builder()
            .charset(sjis)
            .delimiter('|')
            .quote('\'')
            .escape('\\')
            .header(false)
            .nullString("NA")
            .build();
    CsvDataFile f = file("transcode/options-sjis.csv", encode(text, sjis), options);
    assertThat(rows(f))
        .containsExactly(java.util.Arrays.asList("ポ", "表'示", null), List.of("ソ", "a|b", "x"));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void malformedBytesFailWithTheirLineAsInvalidUtf8Does() {
    Charset sjis = Charset.forName("Shift_JIS");
    String text = "id,name\n1,寿司\n2,\"a\nb\"\n3,xy\n4,z\n";
    byte[] content = encode(text, sjis);
    // 0x81 0x20: a lead byte with no valid second byte, on line 5.
    int at = indexOf(content, encode("3,x", sjis)) + 3;
    byte[] bad = new byte[content.length + 2];
    System.arraycopy(content, 0, bad, 0, at);
    bad[at] = (byte) 0x81;
    bad[at + 1] = ' ';
    System.arraycopy(content, at, bad, at + 2, content.length - at);
    CsvOptions options = CsvOptions.builder().charset(sjis).sampleBytes(16).build();
    CsvDataFile f = file("transcode/malformed-sjis.csv", bad, options);
    String message =
        "CSV object 'transcode/malformed-sjis.csv' line 5: invalid Shift_JIS byte sequence"
            + " (malformed, or a character Shift_JIS does not map); fix those bytes or set the"
            + " charset option to the object's encoding (for example UTF-8)";
    assertThatThrownBy(() -> rows(f)).isInstanceOf(FormatException.class).hasMessage(message);
    assertThatThrownBy(() -> count(f)).isInstanceOf(FormatException.class).hasMessage(message);

    // The same place in a UTF-8 object: the same line, and in skip mode the same rows.
    byte[] utf8 = text.getBytes(UTF_8);
    int at8 = indexOf(utf8, "3,x".getBytes(UTF_8)) + 3;
    utf8[at8] = (byte) 0xFF;
    CsvDataFile g = file("transcode/malformed-utf8.csv", utf8, CsvOptions.defaults());
    assertThatThrownBy(() -> rows(g)).hasMessageContaining("line 5 (byte offset");
    CsvDataFile skipF =
        file("transcode/malformed-sjis.csv", bad, options.toBuilder().skipMalformed(true).build());
    CsvDataFile skipG =
        file(
            "transcode/malformed-utf8.csv",
            utf8,
            CsvOptions.builder().sampleBytes(16).skipMalformed(true).build());
    assertThat(rows(skipF)).isEqualTo(rows(skipG)).hasSize(3);
    assertThat(skipF.rejects().recent().get(0).line()).isEqualTo(5);
  }

  @Test
  void aTruncatedUtf16CharacterAtTheEndFailsOnTheLastLine() {
    Charset le = Charset.forName("UTF-16LE");
    byte[] content = encode("a,b\n1,x\n2,y", le);
    byte[] cut = java.util.Arrays.copyOf(content, content.length - 1);
    CsvDataFile f = file("transcode/cut.csv", cut, CsvOptions.builder().charset(le).build());
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith(
            "CSV object 'transcode/cut.csv' line 3: invalid UTF-16LE byte sequence");
  }

  /**
   * A few MB over many 64 KiB transcoding chunks and read-ahead chunks, with characters and quoted
   * line breaks across every boundary: the same rows as in UTF-8, read with one stream even when
   * splits are forced, and a LIMIT stops the download early.
   */
  @Test
  void aLargeObjectReadsWholeWithOneStream() {
    StringBuilder sb = new StringBuilder("id,name,note\n");
    for (int i = 0; i < 80_000; i++) {
      sb.append(i)
          .append(",寿司")
          .append(i % 97)
          .append(",\"")
          .append("ソース, \"\"特選\"\"\n".repeat(i % 3))
          .append("é")
          .append("\"\n");
    }
    String text = sb.toString();
    Charset le = Charset.forName("UTF-16LE");
    byte[] bytes = encode(text, le);
    assertThat(bytes.length).isGreaterThan(3_000_000);
    CsvOptions split = CsvOptions.builder().parallelism(3).splitSize(64 * 1024).build();
    CsvDataFile f = file("transcode/large-utf16.csv", bytes, split.toBuilder().charset(le).build());
    CsvDataFile utf8 = file("transcode/large-utf8.csv", text.getBytes(UTF_8), split);
    assertThat(f.schema()).isEqualTo(utf8.schema());
    assertThat(count(f)).isEqualTo(80_000);
    assertThat(rows(f)).isEqualTo(rows(utf8));
    try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), new IoStats()))) {
      assertThat(c).isNotInstanceOf(CsvParallelCursor.class);
    }
    try (RowCursor c = utf8.scan(ScanSpec.allColumns(utf8.schema(), new IoStats()))) {
      assertThat(c).isInstanceOf(CsvParallelCursor.class); // the same options do split UTF-8
    }
    IoStats stats = new IoStats();
    try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), stats))) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.moveNext()).isTrue();
      }
    }
    assertThat(stats.bytesFetched()).isLessThan(bytes.length / 2);
  }

  private static CsvOptions options(Charset charset) {
    return CsvOptions.builder().charset(charset).build();
  }

  private static byte[] encode(String text, Charset charset) {
    if (!charset.newEncoder().canEncode(text)) {
      throw new AssertionError(charset + " cannot encode the test text");
    }
    return text.getBytes(charset);
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
