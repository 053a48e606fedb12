package dev.bucketsql.csv;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head of an object, read once for sniffing and inference: one ranged GET of {@code
 * sampleBytes} for a plain object; for a compressed or transcoded one, a stream decompressed and
 * transcoded to UTF-8 up to {@code sampleBytes} of text and then aborted.
 *
 * @param bytes the first bytes the reader sees (decompressed, transcoded)
 * @param partial whether the object goes on beyond them
 */
record CsvSample(byte[] bytes, boolean partial) {

  static CsvSample read(
      ObjectStore store, ObjectInfo object, CsvOptions options, CsvCompression compression) {
    try (ObjectInput input = store.open(object, new IoStats())) {
      boolean transcoded = CsvByteCharset.of(options.charset()).transcoded();
      if (compression == CsvCompression.NONE && !transcoded) {
        int n = (int) Math.min(object.size(), options.sampleBytes());
        byte[] sample = new byte[n];
        input.readFully(0, sample);
        return new CsvSample(sample, n < object.size());
      }
      // Up to sampleBytes of the text the reader sees (decompressed, transcoded to UTF-8).
      try (InputStream in = CsvDataFile.text(input.openStream(0), compression, options)) {
        byte[] sample = in.readNBytes(options.sampleBytes());
        boolean partial = sample.length == options.sampleBytes() && in.read() >= 0;
        return new CsvSample(sample, partial);
      } catch (IOException | java.io.UncheckedIOException e) {
        if (compression == CsvCompression.NONE) {
          throw new StorageException(
              "CSV object '" + object.key() + "': reading its head failed: " + e.getMessage(), e);
        }
        throw new StorageException(
            "CSV object '"
                + object.key()
                + "': cannot read it as "
                + compression
                + " ("
                + e.getMessage()
                + "); set the compression option if the extension does not say how it is"
                + " compressed",
            e);
      }
    }
  }

  /** The complete records of the sample; a record the sample's end may have cut is left out. */
  List<String[]> records(String key, CsvDialect dialect, CsvOptions options) {
    int bom = dialect.bomLength();
    List<String[]> records = new ArrayList<>();
    try (CsvByteRecordReader reader =
        new CsvByteRecordReader(
            key,
            () -> new ByteArrayInputStream(bytes, bom, bytes.length - bom),
            bom,
            dialect,
            options,
            -1,
            new int[0],
            // Skipped here without a report: the scans report them when they meet them.
            options.skipMalformed() ? r -> {} : null)) {
      if (partial) {
        reader.partial();
      }
      while (reader.advance()) {
        records.add(reader.fields());
      }
    }
    return records;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvSample s && s.partial == partial && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(partial);
  }

  @Override
  public String toString() {
    return "CsvSample{" + bytes.length + " bytes, partial=" + partial + "}";
  }
}
