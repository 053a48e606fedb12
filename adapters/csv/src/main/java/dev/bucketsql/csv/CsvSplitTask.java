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
 * Runs on a worker thread; never throws: failures and a wrong boundary are part of the result, and
 * the reading thread then falls back to one exact stream from the last verified boundary.
 */
final class CsvSplitTask {
  private CsvSplitTask() {}

  /**
   * What parsing one split gave.
   *
   * @param rows the projected rows, when asked for rows; else null
   * @param batches the projected rows in column batches, when asked for batches; else null
   * @param count records parsed (skipped ones excluded)
   * @param newlines line feeds between the split's first boundary and the next one
   * @param rejects skipped records and nulled values, lines counted from 1 at the split's start
   * @param usable false when the split must be read again by the fallback stream: it failed, or did
   *     not end exactly on the next split's boundary
   * @param start the object offset the split was parsed from
   */
  record Result(
      List<Object[]> rows,
      List<ColumnBatch> batches,
      long count,
      long newlines,
      List<CsvReject> rejects,
      boolean usable,
      long start) {
    static Result unusable(long start) {
      return new Result(null, null, 0, 0, List.of(), false, start);
    }
  }

  /**
   * Where a split's rows go: a list of rows for a scan read row by row, or column batches (each
   * filled before the next is made) for one read in batches; nothing but a count for a count.
   */
  private static final class Output {
    private final ColumnType[] types;
    final List<Object[]> rows;
    final List<ColumnBatch> batches;
    private ColumnBatch last;
    long count;

    Output(TableSchema schema, int[] projection, boolean inBatches) {
      types = new ColumnType[projection.length];
      for (int i = 0; i < projection.length; i++) {
        types[i] = schema.column(projection[i]).type();
      }
      rows = inBatches ? null : new ArrayList<>();
      batches = inBatches ? new ArrayList<>() : null;
    }

    /** A count scan's output: {@code count} records, no values. */
    Output(long count) {
      types = new ColumnType[0];
      rows = null;
      batches = null;
      this.count = count;
    }

    /** Adds a converted row. */
    void add(Object[] row) {
      if (rows != null) {
        rows.add(row);
        count++;
      } else {
        batch().addRow(row);
      }
    }

    /** The batch the next row goes into (the caller adds it). */
    ColumnBatch batch() {
      if (last == null || last.size() == last.capacity()) {
        last = new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
        batches.add(last);
      }
      count++;
      return last;
    }
  }

  /** A downloaded split: bytes from {@code start}, and the guessed first record boundary. */
  record Bytes(long start, byte[] data, long boundary) {}

  /**
   * Parses the records of {@code split} from its boundary to {@code next}'s boundary (or to the end
   * of {@code split} when {@code next} is null: the last split).
   */
  static Result parse(
      String key,
      CsvDialect dialect,
      CsvOptions options,
      TableSchema schema,
      int[] projection,
      Bytes split,
      Bytes next,
      boolean inBatches) {
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
    return parseBytes(
        key, dialect, options, schema, projection, split, in, next != null, inBatches, rejects);
  }

  /** Records straight from the bytes, as {@link CsvDataFile} reads a stream. */
  private static Result parseBytes(
      String key,
      CsvDialect dialect,
      CsvOptions options,
      TableSchema schema,
      int[] projection,
      Bytes split,
      InputStream in,
      boolean cut,
      boolean inBatches,
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
      Output out = counting ? null : new Output(schema, projection, inBatches);
      long count = 0;
      while (reader.advance()) {
        count++;
        if (counting) {
          continue;
        }
        if (inBatches) {
          ColumnBatch batch = out.batch();
          int r = batch.size();
          converter.fill(reader, reader.recordLine(), batch, r, rejects);
          batch.setSize(r + 1);
        } else {
          out.rows.add(converter.convert(reader, reader.recordLine(), rejects));
        }
      }
      if (reader.cutMidRecord()) {
        return Result.unusable(split.boundary());
      }
      return new Result(
          counting ? null : out.rows,
          counting ? null : out.batches,
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
}
