package dev.bucketsql.parquet;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.storage.ObjectInput;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads, decodes and checks the footer of a Parquet object in one tail request (two if the footer
 * is longer than the tail read). Every way a footer can be wrong becomes a {@link FormatException}
 * naming the key, the byte offset and a likely fix, because parquet-java's own messages name
 * neither and some corruptions would otherwise surface as wrong rows later.
 */
final class ParquetFooterReader {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

  /** Leading magic, footer length and trailing magic: the smallest possible Parquet file. */
  private static final int MIN_LENGTH = 12;

  private ParquetFooterReader() {}

  static ParquetFooter read(ObjectInput input, ParquetReaderConfig config) {
    String key = input.object().key();
    long length = input.length();
    if (length == 0) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' is empty (0 bytes); an upload may have failed: upload the file again or"
              + " remove the object");
    }
    if (length < MIN_LENGTH) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' is only "
              + length
              + " bytes, too short to be Parquet (at least "
              + MIN_LENGTH
              + "); it is truncated or not Parquet: upload the file again or rename it");
    }
    byte[] tail = input.readTail((int) Math.min(length, config.footerReadBytes()));
    long tailStart = length - tail.length;
    checkTrailingMagic(key, length, tail);
    int footerLength =
        ByteBuffer.wrap(tail, tail.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    long footerStart = length - 8 - (long) footerLength;
    if (footerLength <= 0 || footerStart < MAGIC.length) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' has a corrupt footer length "
              + Integer.toUnsignedLong(footerLength)
              + " at byte offset "
              + (length - 8)
              + " for an object of "
              + length
              + " bytes; the object is damaged or truncated: write and upload it again");
    }
    if (tailStart == 0 && !startsWith(tail, 0, MAGIC)) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' does not start with the magic bytes PAR1 (found "
              + hex(tail, 0, 4)
              + " at byte offset 0); it is not a Parquet file: rename it or write it as Parquet");
    }
    byte[] footer = new byte[footerLength];
    if (footerStart >= tailStart) {
      System.arraycopy(tail, (int) (footerStart - tailStart), footer, 0, footerLength);
    } else {
      // The footer is longer than the first read: fetch only what is missing.
      int missing = (int) (tailStart - footerStart);
      input.readFully(footerStart, footer, 0, missing);
      System.arraycopy(tail, 0, footer, missing, footerLength - missing);
    }
    ParquetMetadata metadata;
    try {
      metadata =
          new ParquetMetadataConverter()
              .readParquetMetadata(
                  new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
    } catch (Exception e) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' has a corrupt footer: the "
              + footerLength
              + " bytes at byte offset "
              + footerStart
              + " cannot be decoded ("
              + e.getMessage()
              + "); write and upload the file again",
          e);
    }
    checkChunksInsideData(key, metadata, footerStart);
    ParquetSchemaMapping mapping = ParquetSchemaMapping.of(metadata.getFileMetaData().getSchema());
    long indexStart = indexStart(metadata, footerStart);
    byte[] indexBytes = new byte[0];
    if (indexStart >= tailStart && indexStart < footerStart) {
      indexBytes = new byte[(int) (footerStart - indexStart)];
      System.arraycopy(tail, (int) (indexStart - tailStart), indexBytes, 0, indexBytes.length);
    }
    return new ParquetFooter(metadata, footerStart, mapping, indexStart, indexBytes);
  }

  /** Where bloom filters and page indexes begin (they follow the data), or the footer start. */
  private static long indexStart(ParquetMetadata metadata, long footerStart) {
    long start = footerStart;
    for (BlockMetaData block : metadata.getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        if (chunk.getColumnIndexReference() != null) {
          start = Math.min(start, chunk.getColumnIndexReference().getOffset());
        }
        if (chunk.getOffsetIndexReference() != null) {
          start = Math.min(start, chunk.getOffsetIndexReference().getOffset());
        }
        if (chunk.getBloomFilterOffset() >= 0) {
          start = Math.min(start, chunk.getBloomFilterOffset());
        }
      }
    }
    return Math.max(start, 4);
  }

  private static void checkTrailingMagic(String key, long length, byte[] tail) {
    int at = tail.length - MAGIC.length;
    if (startsWith(tail, at, MAGIC)) {
      return;
    }
    if (startsWith(tail, at, ENCRYPTED_MAGIC)) {
      throw new FormatException(
          "Parquet object '"
              + key
              + "' has an encrypted footer (magic PARE at byte offset "
              + (length - 4)
              + "), which is not supported: write the file without encryption");
    }
    throw new FormatException(
        "Parquet object '"
            + key
            + "' does not end with the magic bytes PAR1 (found "
            + hex(tail, at, 4)
            + " at byte offset "
            + (length - 4)
            + "); it is truncated (an upload cut short?) or not Parquet: upload it again or"
            + " rename it");
  }

  /** A chunk outside the data area means the footer does not describe this object's bytes. */
  private static void checkChunksInsideData(String key, ParquetMetadata metadata, long dataEnd) {
    int index = 0;
    for (BlockMetaData block : metadata.getBlocks()) {
      if (block.getRowCount() < 0) {
        throw new FormatException(
            "Parquet object '"
                + key
                + "' has a corrupt footer: row group "
                + index
                + " claims "
                + block.getRowCount()
                + " rows; write and upload the file again");
      }
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        long start = chunk.getStartingPos();
        long end = start + chunk.getTotalSize();
        if (start < MAGIC.length || chunk.getTotalSize() < 0 || end > dataEnd) {
          throw new FormatException(
              "Parquet object '"
                  + key
                  + "' has a corrupt footer: column '"
                  + chunk.getPath().toDotString()
                  + "' of row group "
                  + index
                  + " spans bytes ["
                  + start
                  + ", "
                  + end
                  + ") but data lies within [4, "
                  + dataEnd
                  + "); the footer does not match the data: write and upload the file again");
        }
      }
      index++;
    }
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (offset < 0 || offset + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] data, int offset, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = offset; i < offset + length && i < data.length; i++) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(String.format("%02X", data[i] & 0xFF));
    }
    return s.toString();
  }
}
