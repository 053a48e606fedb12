package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.dictionary.PlainValuesDictionary.PlainBinaryDictionary;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * {@link ParquetUtf8} decoding from a byte range against the decoding of a parquet {@code Binary}
 * and against the JDK's strict decoder, over random byte strings valid and invalid; and {@link
 * PlainStringDictionary} against parquet-java's dictionary over the same page, damaged pages
 * included.
 */
class ParquetUtf8Test {
  @Test
  void aByteRangeDecodesAsItsBinaryAndAsTheStrictDecoder() {
    Random random = new Random(11);
    int invalid = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] value = randomUtf8(random);
      byte[] page = new byte[value.length + 7];
      int offset = random.nextInt(4);
      random.nextBytes(page);
      System.arraycopy(value, 0, page, offset, value.length);

      Object fromRange = outcome(() -> ParquetUtf8.decode(page, offset, value.length));
      Object fromSlice =
          outcome(
              () -> ParquetUtf8.decode(Binary.fromConstantByteArray(page, offset, value.length)));
      Object fromBuffer =
          outcome(
              () ->
                  ParquetUtf8.decode(
                      Binary.fromConstantByteBuffer(ByteBuffer.wrap(page), offset, value.length)));
      ByteBuffer direct = ByteBuffer.allocateDirect(page.length).put(page).flip();
      Object fromDirect =
          outcome(
              () ->
                  ParquetUtf8.decode(Binary.fromConstantByteBuffer(direct, offset, value.length)));
      assertThat(fromRange)
          .as("round %d", round)
          .isEqualTo(fromSlice)
          .isEqualTo(fromBuffer)
          .isEqualTo(fromDirect);
      String reference = strict(value);
      if (reference == null) {
        invalid++;
        assertThat((String) fromRange).startsWith("error: a STRING value of ");
        assertThat((String) fromRange).endsWith(" bytes is not valid UTF-8");
      } else {
        assertThat(fromRange).isEqualTo("value: " + reference);
      }
    }
    assertThat(invalid).as("invalid strings tried").isBetween(2_000, 18_000);
  }

  @Test
  void emptyAndAsciiAndGenuineReplacementCharacters() {
    byte[] bytes = "ab\uFFFDc".getBytes(StandardCharsets.UTF_8);
    assertThat(ParquetUtf8.decode(bytes, 0, 0)).isEmpty();
    assertThat(ParquetUtf8.decode(bytes, 1, 0)).isEmpty();
    assertThat(ParquetUtf8.decode(bytes, 0, 2)).isEqualTo("ab");
    assertThat(ParquetUtf8.decode(bytes, 0, bytes.length)).isEqualTo("ab\uFFFDc");
    assertThatThrownBy(() -> ParquetUtf8.decode(bytes, 0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid UTF-8")
        .hasCauseInstanceOf(CharacterCodingException.class);
  }

  @Test
  void aDictionaryPageReadsAsParquetJavasDictionary() throws IOException {
    Random random = new Random(3);
    for (int round = 0; round < 300; round++) {
      int n = random.nextInt(60);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        entries.add(randomUtf8(random));
      }
      int lead = random.nextInt(5);
      byte[] body = plain(entries);
      byte[] padded = new byte[lead + body.length + random.nextInt(3)];
      System.arraycopy(body, 0, padded, lead, body.length);
      BytesInput bytes = BytesInput.from(padded, lead, body.length);
      Encoding encoding = random.nextBoolean() ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY;
      DictionaryPage page = new DictionaryPage(bytes, n, encoding);
      assertThat(PlainStringDictionary.reads(page)).isTrue();
      PlainStringDictionary ours = PlainStringDictionary.of(page);
      Dictionary theirs = new PlainBinaryDictionary(page);
      assertThat(ours.size()).isEqualTo(theirs.getMaxId() + 1).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        int id = i;
        assertThat(outcome(() -> ours.get(id)))
            .as("round %d entry %d", round, i)
            .isEqualTo(outcome(() -> ParquetUtf8.decode(theirs.decodeToBinary(id))));
      }
    }
    assertThat(PlainStringDictionary.reads(new DictionaryPage(BytesInput.empty(), 0, Encoding.RLE)))
        .isFalse();
  }

  @Test
  void aDamagedDictionaryPageFailsWhereParquetJavasDoes() throws IOException {
    byte[] whole = plain(List.of(bytes("one"), bytes("two"), bytes("three")));
    // ends inside the third entry's length: fails at once
    DictionaryPage cutLength = new DictionaryPage(BytesInput.from(whole, 0, 16), 3, Encoding.PLAIN);
    assertThatThrownBy(() -> PlainStringDictionary.of(cutLength))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("entry 2 of 3");
    // ends inside the last entry's bytes: only that entry fails, when asked for
    DictionaryPage cutBytes =
        new DictionaryPage(BytesInput.from(whole, 0, whole.length - 2), 3, Encoding.PLAIN);
    PlainStringDictionary dictionary = PlainStringDictionary.of(cutBytes);
    assertThat(dictionary.get(0)).isEqualTo("one");
    assertThat(dictionary.get(1)).isEqualTo("two");
    assertThatThrownBy(() -> dictionary.get(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dictionary entry 2 of 5 bytes where the page holds 3");
    // a negative length
    byte[] negative = whole.clone();
    ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putInt(7, -1);
    DictionaryPage bad = new DictionaryPage(BytesInput.from(negative), 3, Encoding.PLAIN);
    assertThatThrownBy(() -> PlainStringDictionary.of(bad))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("negative length");
  }

  /** Mostly valid UTF-8 of one- to four-byte characters, at times with a damaged byte. */
  private static byte[] randomUtf8(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> b.append((char) random.nextInt(0x80));
        case 1 -> b.append((char) (0x80 + random.nextInt(0x780)));
        case 2 ->
            b.append(random.nextInt(8) == 0 ? '\uFFFD' : (char) (0x800 + random.nextInt(0xD000)));
        case 3 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
        default -> b.append("abc");
      }
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0 && random.nextInt(3) == 0) {
      int k = 1 + random.nextInt(2);
      for (int i = 0; i < k; i++) {
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
      }
    }
    if (bytes.length > 1 && random.nextInt(10) == 0) {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1); // a sequence cut short
    }
    return bytes;
  }

  private static String strict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** "value: " and the string, or "error: " and the message. */
  private static Object outcome(java.util.function.Supplier<String> decode) {
    Throwable t = catchThrowable(() -> decode.get());
    return t == null ? "value: " + decode.get() : "error: " + t.getMessage();
  }

  private static byte[] plain(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      byte[] length =
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(e.length).array();
      out.writeBytes(length);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
