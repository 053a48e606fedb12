package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import dev.bucketsql.parquet.codec.UnsupportedCodecException;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one scan of a Parquet object, read row group by row group through column
 * readers, converting each value straight into its SQL representation.
 *
 * <p>Nothing is fetched before the first {@link #moveNext()}. A scan with an empty projection
 * ({@code COUNT(*)}) fetches no data page at all: it produces as many empty rows as the
 * footer's row-group row counts add up to. {@link #rowGroupsRead()} and {@link
 * #rowGroupsTotal()} say how much of the file the scan touched, for tests and {@code EXPLAIN};
 * bytes and requests are counted in the scan's {@link dev.bucketsql.storage.IoStats}.
 */
public final class ParquetRowCursor implements RowCursor {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetRowCursor.class);
  private static final Object[] NO_VALUES = new Object[0];

  private final String key;
  private final Supplier<ObjectInput> opener;
  private final Function<ObjectInput, ParquetFooter> footers;
  private final int[] projection;
  private final ParquetReaderConfig config;
  private final ParquetReadOptions options;

  private ObjectInput input;
  private ParquetFooter footer;
  private ParquetFileReader reader;
  private ParquetInputStream stream;
  private Set<ColumnPath> requestedPaths;
  private MessageType requested;
  private List<BlockMetaData> blocks;
  private int nextBlock;
  private ColumnReader[] columnReaders;
  private MappedColumn[] columns;
  private int[] outputToReader;
  private long rowsLeftInGroup;
  private long emptyRowsLeft;
  private int rowGroupsRead;
  private long rowIndex;
  private Object[] current;
  private boolean started;
  private boolean closed;

  ParquetRowCursor(
      String key,
      Supplier<ObjectInput> opener,
      Function<ObjectInput, ParquetFooter> footers,
      int[] projection,
      ParquetReaderConfig config,
      ParquetReadOptions options) {
    this.key = requireNonNull(key, "key is null");
    this.opener = requireNonNull(opener, "opener is null");
    this.footers = requireNonNull(footers, "footers is null");
    this.projection = projection.clone();
    this.config = requireNonNull(config, "config is null");
    this.options = requireNonNull(options, "options is null");
  }

  /** Row groups in the file; known after the first {@link #moveNext()}, else -1. */
  public int rowGroupsTotal() {
    return footer == null ? -1 : footer.metadata().getBlocks().size();
  }

  /** Row groups whose column chunks this scan has fetched so far. */
  public int rowGroupsRead() {
    return rowGroupsRead;
  }

  @Override
  public boolean moveNext() {
    if (closed) {
      return false;
    }
    try {
      if (!started) {
        started = true;
        start();
      }
      if (reader == null) {
        if (emptyRowsLeft == 0) {
          close();
          return false;
        }
        emptyRowsLeft--;
        current = NO_VALUES;
        return true;
      }
      while (rowsLeftInGroup == 0) {
        if (!nextRowGroup()) {
          close();
          return false;
        }
      }
      current = readRow();
      rowsLeftInGroup--;
      rowIndex++;
      return true;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new IllegalStateException("moveNext() has not returned true");
    }
    return current;
  }

  private void start() {
    input = opener.get();
    footer = footers.apply(input);
    if (projection.length == 0) {
      // COUNT(*): the footer knows the row count; no data page is needed.
      emptyRowsLeft = footer.rowCount();
      return;
    }
    ParquetSchemaMapping mapping = footer.mapping();
    List<Integer> unique = new ArrayList<>();
    outputToReader = new int[projection.length];
    for (int i = 0; i < projection.length; i++) {
      int column = projection[i];
      int at = unique.indexOf(column);
      if (at < 0) {
        at = unique.size();
        unique.add(column);
      }
      outputToReader[i] = at;
    }
    columns = new MappedColumn[unique.size()];
    List<Type> fields = new ArrayList<>();
    requestedPaths = new HashSet<>();
    for (int i = 0; i < columns.length; i++) {
      columns[i] = mapping.column(unique.get(i));
      fields.add(columns[i].field());
      requestedPaths.add(ColumnPath.get(columns[i].field().getName()));
    }
    requested = new MessageType(mapping.fileSchema().getName(), fields);
    stream = new ParquetInputFile(input, config.readAheadBytes()).newStream();
    try {
      reader =
          ParquetFileReader.open(
              // open(), not the constructor: javac cannot resolve the constructor overloads
              // without Hadoop's class files.
              new ParquetInputFile(input, config.readAheadBytes()),
              footer.metadata(),
              options,
              stream);
    } catch (IOException e) {
      throw new FormatException("cannot open Parquet object '" + key + "': " + e.getMessage(), e);
    }
    reader.setRequestedSchema(requested);
    blocks = reader.getRowGroups();
  }

  private boolean nextRowGroup() {
    while (nextBlock < blocks.size() && blocks.get(nextBlock).getRowCount() == 0) {
      reader.skipNextRowGroup();
      nextBlock++;
    }
    if (nextBlock >= blocks.size()) {
      return false;
    }
    BlockMetaData block = blocks.get(nextBlock);
    List<ParquetInputStream.Range> ranges = new ArrayList<>();
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (requestedPaths.contains(chunk.getPath())) {
        ranges.add(
            new ParquetInputStream.Range(
                chunk.getStartingPos(), chunk.getStartingPos() + chunk.getTotalSize()));
      }
    }
    stream.plan(ranges, config.maxMergeGapBytes());
    PageReadStore pages;
    try {
      pages = reader.readNextRowGroup();
    } catch (IOException | RuntimeException e) {
      throw rowGroupFailure(block, e);
    }
    if (pages == null) {
      return false;
    }
    ColumnReadStoreImpl store =
        new ColumnReadStoreImpl(
            pages,
            new NoOpGroupConverter(),
            requested,
            footer.metadata().getFileMetaData().getCreatedBy());
    columnReaders = new ColumnReader[columns.length];
    for (int i = 0; i < columns.length; i++) {
      ColumnDescriptor descriptor =
          requested.getColumnDescription(new String[] {columns[i].field().getName()});
      columnReaders[i] = store.getColumnReader(descriptor);
    }
    rowsLeftInGroup = pages.getRowCount();
    rowGroupsRead++;
    nextBlock++;
    LOG.debug("read row group {} of '{}' ({} rows)", nextBlock - 1, key, rowsLeftInGroup);
    return true;
  }

  private Object[] readRow() {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      ColumnReader r = columnReaders[i];
      try {
        if (r.getCurrentDefinitionLevel() == r.getDescriptor().getMaxDefinitionLevel()) {
          values[i] = columns[i].reader().read(r);
        }
        r.consume();
      } catch (RuntimeException e) {
        throw new FormatException(
            "Parquet object '"
                + key
                + "': cannot read column '"
                + columns[i].column().name()
                + "' at row "
                + rowIndex
                + " (row group "
                + (nextBlock - 1)
                + "): "
                + e.getMessage()
                + "; the file is damaged: write and upload it again",
            e);
      }
    }
    if (values.length == projection.length && isIdentity(outputToReader)) {
      return values;
    }
    Object[] row = new Object[projection.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = values[outputToReader[i]];
    }
    return row;
  }

  private static boolean isIdentity(int[] mapping) {
    for (int i = 0; i < mapping.length; i++) {
      if (mapping[i] != i) {
        return false;
      }
    }
    return true;
  }

  private FormatException rowGroupFailure(BlockMetaData block, Exception e) {
    if (e instanceof StorageException) {
      // The store's own message already names the key and offset and says what to fix.
      throw (StorageException) e;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnsupportedCodecException) {
        return new FormatException("Parquet object '" + key + "': " + cause.getMessage(), e);
      }
    }
    return new FormatException(
        "Parquet object '"
            + key
            + "': cannot read row group "
            + nextBlock
            + " at byte offset "
            + block.getStartingPos()
            + ": "
            + e.getMessage()
            + "; the file is damaged: write and upload it again",
        e);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    try {
      if (reader != null) {
        reader.close(); // closes the stream, aborting any request in flight
      } else if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      LOG.debug("closing the reader of '{}' failed", key, e);
    } finally {
      if (input != null) {
        input.close();
      }
    }
  }
}
