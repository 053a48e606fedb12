package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one split of a parallel scan from bytes already in memory: the records from the split's
 * guessed first boundary to the next split's guessed first boundary (or the end of the object).
 * Runs on a worker thread; never throws: failures and a wrong boundary are part of the result,
 * and the reading thread then falls back to one exact stream from the last verified boundary.
 */
final class CsvSplitTask {
  private CsvSplitTask() {}

  /**
   * What parsing one split gave.
   *
   * @param batches the projected rows in column batches, or null for a count scan
   * @param count records parsed (skipped ones excluded)
   * @param newlines line feeds between the split's first boundary and the next one
   * @param rejects skipped records and nulled values, lines counted from 1 at the split's start
   * @param usable false when the split must be read again by the fallback stream: it failed, or
   *     did not end exactly on the next split's boundary
   * @param start the object offset the split was parsed from
   */
  record Result(
      List<ColumnBatch> batches,
      long count,
      long newlines,
      List<CsvReject> rejects,
      boolean usable,
      long start) {
    static Result unusable(long start) {
      return new Result(null, 0, 0, List.of(), false, start);
    }
  }

  /** The batches a split's rows go into, each filled before the next is made. */
  private static final class Batches {
    private final ColumnType[] types;
    final List<ColumnBatch> all = new ArrayList<>();
    private ColumnBatch last;
    long rows;

    Batches(TableSchema schema, int[] projection) {
      types = new ColumnType[projection.length];
      for (int i = 0; i < projection.length; i++) {
        types[i] = schema.column(projection[i]).type();
      }
    }

    /** The batch the next row goes into (the caller adds it). */
    ColumnBatch next() {
      if (last == null || last.size() == last.capacity()) {
        last = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
        all.add(last);
      }
      rows++;
      return last;
    }
  }

  /** A downloaded split: bytes from {@code start}, and the guessed first record boundary. */
  record Bytes(long start, byte[] data, long boundary) {}

  /**
   * Parses the records of {@code split} from its boundary to {@code next}'s boundary (or to the
   * end of {@code split} when {@code next} is null: the last split).
   */
  static Result parse(
      String key,
      CsvDialect dialect,
      CsvOptions options,
      TableSchema schema,
      int[] projection,
      Bytes split,
      Bytes next) {
    if (split.boundary() < 0 || (next != null && next.boundary() < 0)) {
      return Result.unusable(split.boundary());
    }
    int from = (int) (split.boundary() - split.start());
    InputStream in = new ByteArrayInputStream(split.data(), from, split.data().length - from);
    if (next != null) {
      int tail = (int) (next.boundary() - next.start());
      in = new SequenceInputStream(in, new ByteArrayInputStream(next.data(), 0, tail));
    }
    List<CsvReject> rejects = new ArrayList<>();
    boolean counting = projection.length == 0;
    if (CsvByteRecordReader.supports(dialect, options)) {
      return parseBytes(key, dialect, options, schema, projection, split, in, next != null, rejects);
    }
    CsvCharSource source =
        new CsvCharSource(
            key,
            in,
            split.boundary(),
            dialect,
            options.charset(),
            false,
            schema.size(),
            !counting);
    if (next != null) {
      source.splitMode();
    }
    if (options.skipMalformed()) {
      source.skipMalformed(rejects::add, options.maxCharsPerColumn(), options.maxColumns());
    }
    try {
      if (counting) {
        char[] buffer = new char[16 * 1024];
        while (source.read(buffer, 0, buffer.length) >= 0) {
          // the source counts records
        }
        return done(null, source.records(), source, rejects, split.boundary());
      }
      int[] selected = CsvDataFile.selected(projection);
      CsvRowConverter converter = new CsvRowConverter(key, schema, projection, options);
      Batches batches = new Batches(schema, projection);
      try (CsvRecordReader reader =
          new CsvRecordReader(key, () -> source, dialect, options, selected)) {
        String[] record;
        while ((record = reader.next()) != null) {
          batches.next().addRow(converter.convert(record, reader.recordLine(), rejects));
        }
      }
      return done(batches.all, batches.rows, source, rejects, split.boundary());
    } catch (RuntimeException | java.io.IOException e) {
      // The fallback stream reads this split again and reports the error with its true line.
      return Result.unusable(split.boundary());
    }
  }

  /** The UTF-8 path: records straight from the bytes, as {@link CsvDataFile} reads a stream. */
  private static Result parseBytes(
      String key,
      CsvDialect dialect,
      CsvOptions options,
      TableSchema schema,
      int[] projection,
      Bytes split,
      InputStream in,
      boolean cut,
      List<CsvReject> rejects) {
    boolean counting = projection.length == 0;
    CsvByteRecordReader reader =
        new CsvByteRecordReader(
            key,
            () -> in,
            split.boundary(),
            dialect,
            options,
            schema.size(),
            CsvDataFile.selected(projection),
            options.skipMalformed() ? rejects::add : null);
    if (cut) {
      reader.splitMode();
    }
    try (reader) {
      CsvRowConverter converter =
          counting ? null : new CsvRowConverter(key, schema, projection, options);
      Batches batches = counting ? null : new Batches(schema, projection);
      long count = 0;
      while (reader.advance()) {
        count++;
        if (!counting) {
          ColumnBatch batch = batches.next();
          int r = batch.size();
          converter.fill(reader, reader.recordLine(), batch, r, rejects);
          batch.setSize(r + 1);
        }
      }
      if (reader.cutMidRecord()) {
        return Result.unusable(split.boundary());
      }
      return new Result(
          counting ? null : batches.all,
          count,
          reader.newlines(),
          rejects,
          true,
          split.boundary());
    } catch (RuntimeException e) {
      // The fallback stream reads this split again and reports the error with its true line.
      return Result.unusable(split.boundary());
    }
  }

  private static Result done(
      List<ColumnBatch> rows, long count, CsvCharSource source, List<CsvReject> rejects, long start) {
    if (source.cutMidRecord()) {
      return Result.unusable(start);
    }
    return new Result(rows, count, source.line() - 1, rejects, true, start);
  }
}
