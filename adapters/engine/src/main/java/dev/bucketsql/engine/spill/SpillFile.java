package dev.bucketsql.engine.spill;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of rows an operator spilled: written row by row, finished, then read back as an {@link
 * Operator} once or more, and deleted. Every write counts against the query's spill limit ({@link
 * SpillSpace}); {@link #delete} is safe to call more than once.
 */
public final class SpillFile {
  private static final int BUFFER = 32 * 1024;

  private final SpillSpace space;
  private final Path path;
  private final MemoryBudget budget;
  private RowCodec codec;
  private SpillOutput out;
  private long rows;
  private long bytes;
  private boolean finished;
  private boolean deleted;

  SpillFile(SpillSpace space, Path path, MemoryBudget budget) {
    this.space = space;
    this.path = path;
    this.budget = budget;
  }

  /** The file's path, for errors and tests. */
  public Path path() {
    return path;
  }

  /** Rows written. */
  public long rows() {
    return rows;
  }

  /** Bytes written. */
  public long bytes() {
    return bytes;
  }

  private void open(List<ColumnType> types) {
    if (finished || deleted) {
      throw new IllegalStateException("spill file " + path + " is no longer written");
    }
    if (out == null) {
      codec = new RowCodec(types);
      try {
        out = new SpillOutput(new Counting(Files.newOutputStream(path)), BUFFER);
      } catch (IOException e) {
        throw SpillSpace.ioError("cannot write spill file " + path, e);
      }
    }
  }

  /** Appends row {@code r} of {@code batch}. */
  public void write(ColumnBatch batch, int r) {
    if (out == null) {
      open(types(batch));
    }
    try {
      codec.write(out, batch, r);
    } catch (IOException e) {
      throw SpillSpace.ioError("cannot write spill file " + path, e);
    }
    rows++;
  }

  /** Appends row {@code row} of {@code store}, whose column types are {@code types}. */
  public void write(RowStore store, int row, List<ColumnType> types) {
    if (out == null) {
      open(types);
    }
    try {
      codec.write(out, store, row);
    } catch (IOException e) {
      throw SpillSpace.ioError("cannot write spill file " + path, e);
    }
    rows++;
  }

  private static List<ColumnType> types(ColumnBatch b) {
    ColumnType[] t = new ColumnType[b.columnCount()];
    for (int c = 0; c < t.length; c++) {
      t[c] = b.type(c);
    }
    return List.of(t);
  }

  /** Ends the writing: the rows are on disk and may be read. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw SpillSpace.ioError("cannot write spill file " + path, e);
      }
    }
  }

  /**
   * The rows, in the order written, as an operator of {@code types} making batches of the context's
   * size and checking its cancel flag once per batch.
   *
   * @param deleteOnClose whether closing the reader deletes the file (the last reading)
   */
  public Operator reader(List<ColumnType> types, ExecContext context, boolean deleteOnClose) {
    finish();
    return new Reader(types, context, deleteOnClose);
  }

  /** Deletes the file; safe to call again, also while it is written. */
  public void delete() {
    if (deleted) {
      return;
    }
    deleted = true;
    finished = true;
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException | RuntimeException e) {
      // the file is deleted next: what it could not flush (past the spill limit too) no longer
      // matters
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw SpillSpace.ioError("cannot delete spill file " + path, e);
    } finally {
      space.deleted(bytes);
    }
  }

  /**
   * Counts what reaches the file, so that the spill limit is checked before the bytes are written.
   */
  private final class Counting extends FilterOutputStream {
    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      space.charge(len, budget);
      bytes += len;
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }

  private final class Reader implements Operator {
    private final List<ColumnType> types;
    private final ExecContext context;
    private final boolean deleteOnClose;
    private final ColumnBatch batch;
    private final RowCodec readCodec;
    private SpillInput in;
    private long left = rows;
    private boolean closed;

    Reader(List<ColumnType> types, ExecContext context, boolean deleteOnClose) {
      this.types = List.copyOf(requireNonNull(types, "types is null"));
      this.context = requireNonNull(context, "context is null");
      this.deleteOnClose = deleteOnClose;
      this.batch = new ColumnBatch(types.toArray(new ColumnType[0]), context.batchSize());
      this.readCodec = new RowCodec(this.types);
    }

    @Override
    public List<ColumnType> types() {
      return types;
    }

    @Override
    public ColumnBatch next() {
      if (closed || left == 0) {
        return null;
      }
      context.checkCancelled();
      try {
        if (in == null) {
          InputStream stream = Files.newInputStream(path);
          in = new SpillInput(stream, BUFFER);
          space.countRead(bytes);
        }
        batch.clear();
        int n = (int) Math.min(left, batch.capacity());
        for (int r = 0; r < n; r++) {
          readCodec.read(in, batch, r);
        }
        batch.setSize(n);
        left -= n;
        return batch;
      } catch (IOException e) {
        throw SpillSpace.ioError("cannot read spill file " + path, e);
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (in != null) {
          in.close();
        }
      } catch (IOException e) {
        // closing a file that was read: nothing is lost
      } finally {
        if (deleteOnClose) {
          delete();
        }
      }
    }
  }
}
