package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.batchRows;
import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.FormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects in single-byte charsets are read from their bytes, as UTF-8 ones are: every byte the
 * charset maps comes back as the character the JDK decoder gives, and a byte it leaves unmapped
 * fails the scan naming its line and byte offset.
 */
@ExtendWith(CsvS3.class)
class CsvSingleByteCharsetTest {

  @ParameterizedTest
  @ValueSource(strings = {"ISO-8859-1", "windows-1252", "ISO-8859-15", "windows-1251"})
  void everyMappedByteRoundTrips(String name) throws Exception {
    Charset charset = Charset.forName(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("id,text\n".getBytes(charset));
    List<List<Object>> expected = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    ByteArrayOutputStream allBytes = new ByteArrayOutputStream();
    for (int b = 1; b < 256; b++) {
      String text = decode(charset, (byte) b);
      if (text == null) {
        continue;
      }
      // Every byte quoted, so delimiters, quotes and line breaks are data too.
      out.writeBytes((b + ",\"").getBytes(charset));
      out.write(b);
      if (b == '"') {
        out.write(b);
      }
      out.writeBytes("\"\n".getBytes(charset));
      expected.add(List.of((long) b, text));
      if (b >= 0x20 && b != '"' && b != ',') {
        all.append(text);
        allBytes.write(b);
      }
    }
    // One unquoted field holding every printable byte at once.
    out.writeBytes("256,".getBytes(charset));
    out.writeBytes(allBytes.toByteArray());
    out.writeBytes("\n".getBytes(charset));
    expected.add(List.of(256L, all.toString()));

    CsvOptions options = CsvOptions.builder().charset(charset).build();
    CsvDataFile f = file("charset/" + name + ".csv", out.toByteArray(), options);
    assertThat(CsvByteRecordReader.supports(f.dialect(), options)).isTrue();
    assertThat(rows(f)).isEqualTo(expected);
    assertThat(batchRows(f, new int[] {0, 1}, 7)).isEqualTo(expected);
    assertThat(count(f)).isEqualTo(expected.size());
  }

  @Test
  void anUnmappedWindows1252ByteFailsWithItsLineAndOffset() {
    Charset cp1252 = Charset.forName("windows-1252");
    byte[] content = "id,name\n1,ok\n2,\"a\nb\"\n3,x?y\n4,z\n".getBytes(cp1252);
    int at = "id,name\n1,ok\n2,\"a\nb\"\n3,x".length();
    content[at] = (byte) 0x81;
    CsvOptions options = CsvOptions.builder().charset(cp1252).sampleBytes(16).build();
    CsvDataFile f = file("charset/unmapped.csv", content, options);
    String message =
        "CSV object 'charset/unmapped.csv' line 5 (byte offset "
            + at
            + "): invalid windows-1252 byte sequence; convert the object to windows-1252 or set"
            + " the charset option to its encoding (for example ISO-8859-1)";
    assertThatThrownBy(() -> rows(f)).isInstanceOf(FormatException.class).hasMessage(message);
    assertThatThrownBy(() -> count(f)).isInstanceOf(FormatException.class).hasMessage(message);
  }

  /** The byte's character by the JDK's strict decoder, or null when the charset leaves it out. */
  private static String decode(Charset charset, byte b) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(new byte[] {b}))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
