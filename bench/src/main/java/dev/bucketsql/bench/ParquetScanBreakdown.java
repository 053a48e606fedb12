package dev.bucketsql.bench;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.parquet.ParquetDataFile;
import dev.bucketsql.parquet.ParquetFooterCache;
import dev.bucketsql.parquet.codec.HadoopFreeReadOptions;
import dev.bucketsql.parquet.codec.ParquetCodecFactory;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Where the time of a Parquet scan goes, stage by stage, over one local file held in memory (no S3,
 * no SQL): page reading and decompression alone; values through parquet-java's column readers (one
 * call per value, no boxing); BucketSQL's scan in column batches and in rows, with the page decoder
 * on and off. Each figure is the best of the repeats of the calling thread's CPU time (wall time
 * beside it), single-threaded.
 */
final class ParquetScanBreakdown {
  private ParquetScanBreakdown() {}

  static void run(Path file, String[] columns, int repeat, PrintStream out) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    out.printf(
        "breakdown over %s (%,d bytes), columns %s, best of %d:%n",
        file, bytes.length, String.join(",", columns), repeat);
    stage(
        out, "pages read + decompressed (parquet-java)", repeat, () -> pages(file, columns, null));
    List<byte[]> raw = new ArrayList<>();
    pages(file, columns, raw);
    List<byte[]> gz = new ArrayList<>();
    for (byte[] page : raw) {
      java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(buffer)) {
        g.write(page);
      }
      gz.add(buffer.toByteArray());
    }
    stage(
        out,
        "  GZIP inflate: GZIPInputStream",
        repeat,
        () -> {
          long n = 0;
          for (int i = 0; i < gz.size(); i++) {
            try (java.util.zip.GZIPInputStream in =
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.get(i)))) {
              n += in.readNBytes(new byte[raw.get(i).length], 0, raw.get(i).length);
            }
          }
          return n;
        });
    var gzip =
        new ParquetCodecFactory()
            .getDecompressor(org.apache.parquet.hadoop.metadata.CompressionCodecName.GZIP);
    stage(
        out,
        "  GZIP inflate: GzipPageCodec (Inflater)",
        repeat,
        () -> {
          long n = 0;
          for (int i = 0; i < gz.size(); i++) {
            n +=
                gzip.decompress(
                        org.apache.parquet.bytes.BytesInput.from(gz.get(i)), raw.get(i).length)
                    .size();
          }
          return n;
        });
    stage(out, "values via ColumnReader (no boxing)", repeat, () -> columnReaders(file, columns));
    InMemoryObjectStore store = new InMemoryObjectStore("breakdown");
    ObjectInfo info = store.put("f.parquet", bytes);
    ParquetDataFile data = new ParquetDataFile(store, info, new ParquetFooterCache(4));
    TableSchema schema = data.schema();
    int[] projection = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      projection[i] = schema.indexOf(columns[i]);
    }
    for (String decoder : List.of("false", "true")) {
      System.setProperty("bucketsql.parquet.pageDecoder", decoder);
      String label =
          "on".equals(decoder) || "true".equals(decoder) ? "page decoder" : "ColumnReader";
      stage(out, "BucketSQL batches, " + label, repeat, () -> batches(data, schema, projection));
      stage(out, "BucketSQL rows (boxed), " + label, repeat, () -> rows(data, projection));
    }
    System.clearProperty("bucketsql.parquet.pageDecoder");
  }

  private interface Stage {
    long run() throws Exception;
  }

  private static void stage(PrintStream out, String label, int repeat, Stage stage)
      throws Exception {
    // CPU time of this thread: on a shared machine wall time mostly measures the neighbours
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    long bestWall = Long.MAX_VALUE;
    long result = 0;
    for (int i = 0; i < repeat; i++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      result = stage.run();
      bestWall = Math.min(bestWall, System.nanoTime() - t);
      best = Math.min(best, threads.getCurrentThreadCpuTime() - cpu);
    }
    out.printf(
        "  %-46s %8.0f ms CPU %8.0f ms wall  (%d)%n", label, best / 1e6, bestWall / 1e6, result);
  }

  private static ParquetFileReader open(Path file, String[] columns) throws IOException {
    LocalInputFile input = new LocalInputFile(file);
    var options = HadoopFreeReadOptions.create(new ParquetCodecFactory());
    var stream = input.newStream();
    // the overloads without a footer mention Hadoop types, which javac cannot resolve here
    byte[] all = Files.readAllBytes(file);
    int length =
        java.nio.ByteBuffer.wrap(all, all.length - 8, 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getInt();
    var footer =
        new org.apache.parquet.format.converter.ParquetMetadataConverter()
            .readParquetMetadata(
                new java.io.ByteArrayInputStream(all, all.length - 8 - length, length),
                org.apache.parquet.format.converter.ParquetMetadataConverter.NO_FILTER);
    ParquetFileReader reader = ParquetFileReader.open(input, footer, options, stream);
    reader.setRequestedSchema(requested(reader.getFooter().getFileMetaData().getSchema(), columns));
    return reader;
  }

  private static MessageType requested(MessageType schema, String[] columns) {
    List<Type> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(schema.getType(c));
    }
    return new MessageType(schema.getName(), fields);
  }

  private static long pages(Path file, String[] columns, List<byte[]> keep) throws IOException {
    long total = 0;
    try (ParquetFileReader reader = open(file, columns)) {
      MessageType requested = requested(reader.getFooter().getFileMetaData().getSchema(), columns);
      for (PageReadStore store; (store = reader.readNextRowGroup()) != null; ) {
        for (ColumnDescriptor d : requested.getColumns()) {
          PageReader pages = store.getPageReader(d);
          pages.readDictionaryPage();
          for (DataPage page; (page = pages.readPage()) != null; ) {
            byte[] data = ((DataPageV1) page).getBytes().toByteArray();
            total += data.length;
            if (keep != null) {
              keep.add(data);
            }
          }
        }
      }
    }
    return total;
  }

  private static long columnReaders(Path file, String[] columns) throws IOException {
    long sum = 0;
    try (ParquetFileReader reader = open(file, columns)) {
      MessageType requested = requested(reader.getFooter().getFileMetaData().getSchema(), columns);
      for (PageReadStore store; (store = reader.readNextRowGroup()) != null; ) {
        ColumnReadStoreImpl readers =
            new ColumnReadStoreImpl(
                store,
                new GroupRecordConverter(requested).getRootConverter(),
                requested,
                reader.getFooter().getFileMetaData().getCreatedBy());
        for (ColumnDescriptor d : requested.getColumns()) {
          ColumnReader r = readers.getColumnReader(d);
          boolean floating = d.getPrimitiveType().getPrimitiveTypeName().name().contains("DOUBLE");
          for (long i = store.getRowCount(); i > 0; i--) {
            sum += floating ? (long) r.getDouble() : r.getLong();
            r.consume();
          }
        }
      }
    }
    return sum;
  }

  private static long batches(ParquetDataFile data, TableSchema schema, int[] projection) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.column(projection[i]).type();
    }
    ColumnBatch batch = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
    long rows = 0;
    try (RowCursor cursor = data.scan(new ScanSpec(projection, new IoStats()))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        rows += n;
      }
    }
    return rows;
  }

  private static long rows(ParquetDataFile data, int[] projection) {
    long rows = 0;
    try (RowCursor cursor = data.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        rows += cursor.current().length;
      }
    }
    return rows;
  }
}
