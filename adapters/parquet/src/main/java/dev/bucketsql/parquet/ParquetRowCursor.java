package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.PrunableCursor;
import dev.bucketsql.format.PruningStats;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import dev.bucketsql.parquet.codec.HadoopFreeReadOptions;
import dev.bucketsql.parquet.codec.PageBuffer;
import dev.bucketsql.parquet.codec.UnsupportedCodecException;
import dev.bucketsql.storage.Causes;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one scan of a Parquet object, read row group by row group through column readers,
 * converting each value straight into its SQL representation. Nested columns (ARRAY, MAP, ROW) are
 * assembled by parquet-java's record reader over the same pages, with {@link
 * ParquetNestedMaterializer}'s converter tree.
 *
 * <p>Nothing is fetched before the first {@link #moveNext()}. A scan with an empty projection
 * ({@code COUNT(*)}) fetches no data page at all: it produces as many empty rows as the footer's
 * row-group row counts add up to. {@link #rowGroupsRead()} and {@link #rowGroupsTotal()} say how
 * much of the file the scan touched, for tests and {@code EXPLAIN}; bytes and requests are counted
 * in the scan's {@link dev.bucketsql.storage.IoStats}.
 */
public final class ParquetRowCursor implements PrunableCursor {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetRowCursor.class);
  private static final Object[] NO_VALUES = new Object[0];

  /** How {@link #nextBatch} decodes a flat column: straight from the reader, or converted. */
  private static final byte GENERIC = 0;

  private static final byte INT32 = 1;
  private static final byte INT64 = 2;
  private static final byte FLOAT = 3;
  private static final byte DOUBLE = 4;

  /** A DECIMAL in INT32 or INT64: read as unscaled longs ({@link ColumnBatch#decimalLongs}). */
  private static final byte UNSCALED = 5;

  /**
   * Whether flat numeric columns are decoded a page at a time ({@link PrimitivePageDecoder}) rather
   * than value by value through parquet-java's column readers; {@code
   * -Dbucketsql.parquet.pageDecoder=false} turns it off, to compare.
   */
  private final boolean pageDecoder =
      !"false".equals(System.getProperty("bucketsql.parquet.pageDecoder"));

  /**
   * Whether a batch scan with a pushed filter decodes the filtered columns first and the others
   * only at the rows that may pass ({@link ParquetBatchFilter}); {@code
   * -Dbucketsql.parquet.lateFilter=false} turns it off, to compare.
   */
  private final boolean lateFilterOn =
      !"false".equals(System.getProperty("bucketsql.parquet.lateFilter"));

  /**
   * Rows a batch scan with a filter may read in one {@link #nextBatch} before it hands back what it
   * kept: its caller checks for cancellation between batches.
   */
  private static final int FILTERED_ROWS_PER_CALL = 1 << 16;

  private final String key;
  private final Supplier<ObjectInput> opener;
  private final Function<ObjectInput, ParquetFooter> footers;
  private final int[] projection;
  private final ScanPredicate predicate;

  /** The keys of joins above that restrict columns of this scan once known (batch scans only). */
  private final List<RuntimeKeyFilter> runtimeKeys;

  private final ParquetReaderConfig config;
  private final CompressionCodecFactory codecs;

  /** The row groups this scan reads, {@code [firstGroup, endGroup)}: a piece of a parallel scan. */
  private final int firstGroup;

  private final int endGroup;

  /** The index in the object of the first row group of {@code all} in {@link #start}. */
  private int groupBase;

  private ObjectInput input;
  private ParquetFooter footer;
  private ParquetFileReader reader;
  private ParquetInputStream stream;
  private Set<ColumnPath> requestedPaths;
  private MessageType requested;
  private List<BlockMetaData> blocks;
  private Map<Long, Integer> blockByRowOffset;
  private Set<Integer> allMatch;
  private int nextBlock;
  private int currentBlock;
  private ColumnReader[] columnReaders;

  /** Per unique column, its page decoder in the current row group, or null for a column reader. */
  private PrimitivePageDecoder[] decoders;

  /**
   * Per column, the array its page decoders decompress pages into, from page to page and row group
   * to row group: a row group is read to its end before the next one's decoders start.
   */
  private PageBuffer[] pageBuffers;

  /** Per unique column, its converting page decoder in the current row group, or null. */
  private ObjectPageDecoder[] objectDecoders;

  private LeafValue[] leaves;
  private int chunksDecoded;
  private MappedColumn[] columns;
  private int[] outputToReader;

  /** Per unique column, how {@link #nextBatch} decodes it ({@link #INT32}, ...). */
  private byte[] batchDecoding;

  /** Per unique column read as {@link #UNSCALED}: its scale. */
  private int[] decimalScales;

  /** Per unique column: its slot in the nested record, or -1 for a flat column. */
  private int[] nestedSlot;

  /** The late filter of a batch scan with a pushed filter, or null. */
  private ParquetBatchFilter lateFilter;

  /** Whether the current row group is read through {@link #lateFilter}. */
  private boolean filtering;

  private final FilterColumns filterColumns = new FilterColumns();

  private MessageColumnIO nestedIo;
  private ParquetNestedMaterializer nestedMaterializer;
  private RecordReader<Object[]> nestedReader;
  private String nestedNames;
  private long rowsLeftInGroup;
  private long emptyRowsLeft;
  private int rowGroupsRead;
  private PruningStats pruning = PruningStats.NONE;
  private FilterPredicate pushed;
  private long rowIndex;
  private Object[] current;
  private boolean started;
  private boolean closed;

  ParquetRowCursor(
      String key,
      Supplier<ObjectInput> opener,
      Function<ObjectInput, ParquetFooter> footers,
      int[] projection,
      ScanPredicate predicate,
      ParquetReaderConfig config,
      CompressionCodecFactory codecs,
      int firstGroup,
      int endGroup,
      List<RuntimeKeyFilter> runtimeKeys) {
    this.key = requireNonNull(key, "key is null");
    this.runtimeKeys = List.copyOf(runtimeKeys);
    this.opener = requireNonNull(opener, "opener is null");
    this.footers = requireNonNull(footers, "footers is null");
    this.projection = projection.clone();
    this.predicate = requireNonNull(predicate, "predicate is null");
    this.config = requireNonNull(config, "config is null");
    this.codecs = requireNonNull(codecs, "codecs is null");
    if (firstGroup < 0 || endGroup < firstGroup) {
      throw new IllegalArgumentException("row groups [" + firstGroup + ", " + endGroup + ")");
    }
    this.firstGroup = firstGroup;
    this.endGroup = endGroup;
  }

  /** Row groups in the file; known after the first {@link #moveNext()}, else -1. */
  public int rowGroupsTotal() {
    return footer == null ? -1 : footer.metadata().getBlocks().size();
  }

  /** Column chunks this scan decoded a page at a time ({@link PrimitivePageDecoder}); for tests. */
  int chunksDecodedByPage() {
    return chunksDecoded;
  }

  /**
   * Buffers and bytes of column chunks parquet-java reads straight from prefetched pieces ({@link
   * ChunkBufferAllocator}) instead of copies; for tests.
   */
  long[] chunkBuffersLent() {
    return stream == null ? new long[2] : stream.lentCounts();
  }

  /** Row groups whose column chunks this scan has fetched so far. */
  public int rowGroupsRead() {
    return rowGroupsRead;
  }

  /** Row groups left to read after pruning by the scan's predicate; -1 before the first row. */
  public int rowGroupsKept() {
    return footer == null ? -1 : pruning.kept();
  }

  /**
   * The parquet filter the scan's predicate became, as parquet prints it; empty when nothing could
   * be pushed. Known after the first {@link #moveNext()}.
   */
  public Optional<String> pushedFilter() {
    return Optional.ofNullable(pushed).map(Object::toString);
  }

  @Override
  public PruningStats pruningStats() {
    return new PruningStats(
        pruning.total(),
        pruning.skippedByStatistics(),
        pruning.skippedByDictionary(),
        pruning.skippedByBloomFilter(),
        rowGroupsRead);
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
    List<BlockMetaData> every = footer.metadata().getBlocks();
    groupBase = Math.min(firstGroup, every.size());
    List<BlockMetaData> all = every.subList(groupBase, Math.min(endGroup, every.size()));
    if (groupBase > 0 && !all.isEmpty()) {
      // errors name the row in the object, not in the piece
      rowIndex = Math.max(0, all.get(0).getRowIndexOffset());
    }
    if (projection.length == 0) {
      // COUNT(*): the footer knows the row count; no data page is needed. The predicate is
      // only a hint, and skipping nothing is always allowed.
      emptyRowsLeft = all.size() == every.size() ? footer.rowCount() : rowCount(all);
      pruning = ParquetRowGroupPruner.keepAll(all).stats();
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
    nestedSlot = new int[columns.length];
    List<Type> nestedFields = new ArrayList<>();
    List<NestedNode> nestedNodes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      columns[i] = mapping.column(unique.get(i));
      Type field = columns[i].field();
      fields.add(field);
      // A nested column has one chunk per leaf: fetch exactly those.
      for (String[] path : new MessageType("leaves", field).getPaths()) {
        requestedPaths.add(ColumnPath.get(path));
      }
      nestedSlot[i] = -1;
      if (columns[i].isNested()) {
        nestedSlot[i] = nestedFields.size();
        nestedFields.add(field);
        nestedNodes.add(columns[i].nested());
        names.add("'" + field.getName() + "'");
      }
    }
    requested = new MessageType(mapping.fileSchema().getName(), fields);
    batchDecoding = new byte[columns.length];
    decimalScales = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      batchDecoding[i] = columns[i].isNested() ? GENERIC : batchDecoding(columns[i]);
      if (batchDecoding[i] == UNSCALED) {
        decimalScales[i] =
            ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)
                    columns[i].field().asPrimitiveType().getLogicalTypeAnnotation())
                .getScale();
      }
    }
    if (lateFilterOn && nestedFields.isEmpty()) {
      ColumnType[] types = new ColumnType[projection.length];
      for (int i = 0; i < projection.length; i++) {
        types[i] = columns[outputToReader[i]].column().type();
      }
      boolean[] filterable = new boolean[columns.length];
      for (int i = 0; i < columns.length; i++) {
        filterable[i] = columns[i].unsupported() == null && columns[i].field().isPrimitive();
      }
      lateFilter =
          ParquetBatchFilter.of(
              predicate, projection, outputToReader, types, filterable, runtimeKeys);
    }
    if (!nestedFields.isEmpty()) {
      boolean[] bare = new boolean[nestedFields.size()];
      for (int i = 0; i < bare.length; i++) {
        bare[i] = nestedFields.get(i).isRepetition(Type.Repetition.REPEATED);
      }
      nestedMaterializer = new ParquetNestedMaterializer(nestedNodes, bare);
      nestedIo =
          new ColumnIOFactory(footer.metadata().getFileMetaData().getCreatedBy(), false)
              .getColumnIO(
                  new MessageType(mapping.fileSchema().getName(), nestedFields),
                  mapping.fileSchema());
      nestedNames = String.join(", ", names);
    }
    ParquetInputFile file = new ParquetInputFile(input, config.readAheadBytes());
    stream = file.newStream();
    stream.pin(footer.indexStart(), footer.indexBytes());
    stream.clipReadAheadAt(chunkEnds(every));
    pushed = ParquetFilterTranslator.translate(predicate, mapping).orElse(null);
    ParquetRowGroupPruner.Result kept;
    if (predicate.isNone()) {
      kept =
          new ParquetRowGroupPruner.Result(
              List.of(), Set.of(), new PruningStats(all.size(), all.size(), 0, 0, 0));
    } else if (pushed == null) {
      kept = ParquetRowGroupPruner.keepAll(all);
    } else {
      // A reader over the whole footer only to reach dictionaries and bloom filters; it shares
      // the stream, so it is not closed on its own.
      kept =
          ParquetRowGroupPruner.prune(
              key,
              pushed,
              all,
              open(file, footer.metadata(), HadoopFreeReadOptions.create(codecs)));
    }
    pruning = kept.stats();
    blocks = new ArrayList<>();
    blockByRowOffset = new HashMap<>();
    allMatch = new HashSet<>();
    for (int index : kept.kept()) {
      BlockMetaData block = all.get(index);
      blocks.add(block);
      blockByRowOffset.put(block.getRowIndexOffset(), groupBase + index);
      if (kept.allMatch().contains(index)) {
        allMatch.add(blocks.size() - 1);
      }
    }
    LOG.debug("'{}': filter {} keeps row groups {} ({})", key, pushed, kept.kept(), pruning);
    ParquetReadOptions options =
        pushed == null
            ? HadoopFreeReadOptions.create(codecs, new ChunkBufferAllocator(stream))
            : HadoopFreeReadOptions.pageFilterOnly(
                codecs, FilterCompat.get(pushed), new ChunkBufferAllocator(stream));
    reader = open(file, new ParquetMetadata(footer.metadata().getFileMetaData(), blocks), options);
    reader.setRequestedSchema(requested);
    if (config.prefetchBudgetBytes() > 0) {
      List<ParquetInputStream.Range> ranges = new ArrayList<>();
      for (BlockMetaData block : blocks) {
        ranges.addAll(chunkRanges(block));
      }
      stream.prefetch(
          ranges,
          config.maxMergeGapBytes(),
          config.prefetchPieceBytes(),
          config.prefetchBudgetBytes());
    }
  }

  private ParquetFileReader open(
      ParquetInputFile file, ParquetMetadata metadata, ParquetReadOptions options) {
    try {
      // open(), not the constructor: javac cannot resolve the constructor overloads without
      // Hadoop's class files.
      return ParquetFileReader.open(file, metadata, options, stream);
    } catch (IOException e) {
      throw new FormatException("cannot open Parquet object '" + key + "': " + e.getMessage(), e);
    }
  }

  private static long rowCount(List<BlockMetaData> blocks) {
    long rows = 0;
    for (BlockMetaData b : blocks) {
      rows += b.getRowCount();
    }
    return rows;
  }

  private static long[] chunkEnds(List<BlockMetaData> all) {
    List<Long> ends = new ArrayList<>();
    for (BlockMetaData block : all) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        ends.add(chunk.getStartingPos() + chunk.getTotalSize());
      }
    }
    return ends.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
  }

  private List<ParquetInputStream.Range> chunkRanges(BlockMetaData block) {
    List<ParquetInputStream.Range> ranges = new ArrayList<>();
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (requestedPaths.contains(chunk.getPath())) {
        ranges.add(
            new ParquetInputStream.Range(
                chunk.getStartingPos(), chunk.getStartingPos() + chunk.getTotalSize()));
      }
    }
    return ranges;
  }

  private boolean nextRowGroup() {
    if (nextBlock >= blocks.size()) {
      return false;
    }
    BlockMetaData block = blocks.get(nextBlock);
    if (config.prefetchBudgetBytes() == 0) {
      stream.plan(chunkRanges(block), config.maxMergeGapBytes());
    }
    currentBlock = blockByRowOffset.getOrDefault(block.getRowIndexOffset(), nextBlock);
    PageReadStore pages;
    try {
      // Skips pages (and whole row groups) that the column indexes rule out, where present,
      // unless statistics showed every row matches: then the page index is not even read.
      pages =
          allMatch.contains(nextBlock)
              ? reader.readNextRowGroup()
              : reader.readNextFilteredRowGroup();
    } catch (IOException | RuntimeException e) {
      throw rowGroupFailure(block, e);
    }
    if (pages == null) {
      nextBlock = blocks.size();
      return false;
    }
    // The reader skips a row group whose pages all fail the filter: find where it is now.
    long offset = pages.getRowIndexOffset().orElse(block.getRowIndexOffset());
    while (nextBlock < blocks.size() && blocks.get(nextBlock).getRowIndexOffset() != offset) {
      nextBlock++;
    }
    currentBlock = blockByRowOffset.getOrDefault(offset, currentBlock);
    ColumnReadStoreImpl store =
        new ColumnReadStoreImpl(
            pages,
            new NoOpGroupConverter(),
            requested,
            footer.metadata().getFileMetaData().getCreatedBy());
    columnReaders = new ColumnReader[columns.length];
    decoders = new PrimitivePageDecoder[columns.length];
    objectDecoders = new ObjectPageDecoder[columns.length];
    if (leaves == null) {
      leaves = new LeafValue[columns.length];
      for (int i = 0; i < leaves.length; i++) {
        leaves[i] = new LeafValue();
      }
    }
    // Rows skipped by the page index are kept in step by parquet-java's readers only.
    boolean decodePages =
        pageDecoder && pages.getRowIndexes().isEmpty() && nextBlock < blocks.size();
    if (nestedIo != null) {
      // Its own column readers over the nested leaves' pages, kept in step with the flat
      // readers by the same row indexes when the page index filtered pages.
      nestedReader = nestedIo.getRecordReader(pages, nestedMaterializer, FilterCompat.NOOP);
    }
    for (int i = 0; i < columns.length; i++) {
      if (nestedSlot[i] >= 0) {
        continue;
      }
      ColumnDescriptor descriptor =
          requested.getColumnDescription(new String[] {columns[i].field().getName()});
      ColumnChunkMetaData chunk = decodePages ? chunk(blocks.get(nextBlock), descriptor) : null;
      if (chunk != null
          && batchDecoding[i] == GENERIC
          && ObjectPageDecoder.supports(descriptor, chunk)) {
        try {
          objectDecoders[i] =
              new ObjectPageDecoder(
                  pages.getPageReader(descriptor),
                  descriptor,
                  columns[i].reader(),
                  columns[i].column().type() != ColumnType.VARBINARY);
          chunksDecoded++;
        } catch (RuntimeException e) {
          throw damaged("column '" + columns[i].column().name() + "' near", e);
        }
      } else if (chunk != null && PrimitivePageDecoder.supports(descriptor, chunk)) {
        try {
          if (pageBuffers == null) {
            pageBuffers = new PageBuffer[columns.length];
          }
          if (pageBuffers[i] == null) {
            pageBuffers[i] = new PageBuffer();
          }
          decoders[i] =
              new PrimitivePageDecoder(pages.getPageReader(descriptor), descriptor, pageBuffers[i]);
          chunksDecoded++;
        } catch (RuntimeException e) {
          throw damaged("column '" + columns[i].column().name() + "' near", e);
        }
      } else {
        columnReaders[i] = store.getColumnReader(descriptor);
      }
    }
    filtering =
        lateFilter != null
            && (!allMatch.contains(nextBlock) || lateFilter.hasRuntimeKeys())
            && decodedByPage(lateFilter);
    if (filtering) {
      boolean[] byPage = new boolean[columns.length];
      for (int u = 0; u < byPage.length; u++) {
        byPage[u] = decoders[u] != null || objectDecoders[u] != null;
      }
      lateFilter.startRowGroup(byPage);
    }
    rowsLeftInGroup = pages.getRowCount();
    rowGroupsRead++;
    nextBlock++;
    LOG.debug("read row group {} of '{}' ({} rows)", currentBlock, key, rowsLeftInGroup);
    return true;
  }

  /**
   * Whether every column whose domain the late filter evaluates is decoded a page at a time in this
   * row group: otherwise (pages skipped by the page index, other encodings) the row group is read
   * whole.
   */
  private boolean decodedByPage(ParquetBatchFilter filter) {
    for (int u : filter.domainColumns()) {
      if (decoders[u] == null && objectDecoders[u] == null) {
        return false;
      }
    }
    return true;
  }

  private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnDescriptor descriptor) {
    ColumnPath path = ColumnPath.get(descriptor.getPath());
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (chunk.getPath().equals(path)) {
        return chunk;
      }
    }
    return null;
  }

  /**
   * Reads up to a batch of rows column by column: flat INT32, INT64, FLOAT and DOUBLE columns whose
   * value is the physical value itself go from the column reader into the batch's primitive arrays
   * without boxing; other columns convert each value as {@link #current()} does. Nested columns
   * take the row-by-row path.
   */
  @Override
  public int nextBatch(ColumnBatch batch) {
    if (closed) {
      batch.clear();
      return 0;
    }
    try {
      if (!started) {
        started = true;
        start();
      }
      if (reader == null || nestedIo != null) {
        return PrunableCursor.super.nextBatch(batch);
      }
      batch.clear();
      int filled = 0;
      int filtered = 0;
      while (filled < batch.capacity()) {
        while (rowsLeftInGroup == 0) {
          if (!nextRowGroup()) {
            batch.setSize(filled);
            close();
            return filled;
          }
        }
        int n = (int) Math.min(rowsLeftInGroup, batch.capacity() - filled);
        int kept = n;
        if (filtering) {
          boolean keepOne = filled == 0 && filtered >= FILTERED_ROWS_PER_CALL;
          kept = lateFilter.read(batch, filled, n, keepOne, filterColumns);
          filtered += n;
        } else {
          readColumns(batch, filled, n);
        }
        filled += kept;
        rowsLeftInGroup -= n;
        rowIndex += n;
        if (kept < n
            && filled > 0
            && (filled >= batch.capacity() / 2 || filtered >= FILTERED_ROWS_PER_CALL)) {
          // the windows shrink as a filtered batch fills: half a batch is enough to hand on
          break;
        }
      }
      batch.setSize(filled);
      return filled;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void readColumns(ColumnBatch batch, int from, int n) {
    int[] firstOutput = new int[columns.length];
    java.util.Arrays.fill(firstOutput, -1);
    for (int out = 0; out < projection.length; out++) {
      int u = outputToReader[out];
      if (firstOutput[u] >= 0) {
        copyColumn(batch, firstOutput[u], out, from, n);
        continue;
      }
      firstOutput[u] = out;
      try {
        readColumn(u, batch, out, from, n);
      } catch (RuntimeException e) {
        throw damaged("column '" + columns[u].column().name() + "' near", e);
      }
    }
  }

  /**
   * Reads the next {@code n} values of unique column {@code u} into rows {@code [from, from + n)}
   * of column {@code c}; returns the dictionary their numbers refer to when all came from one, else
   * null.
   */
  private Object[] readColumn(int u, ColumnBatch batch, int c, int from, int n) {
    if (objectDecoders[u] == null) {
      // a part of the fill without numbers: the batch's column carries none
      batch.dropDictionary(c);
    }
    if (batch.type(c) == ColumnType.DECIMAL && unscaledDecimal(u, batch, c, from, n)) {
      return null;
    }
    PrimitivePageDecoder decoder = decoders[u];
    if (decoder != null) {
      decodeColumn(decoder, u, batch, c, from, n);
      return null;
    }
    ObjectPageDecoder objects = objectDecoders[u];
    if (objects != null) {
      if (batch.kind(c) == ColumnBatch.Kind.OBJECT) {
        Object[] shared = objects.sharedDictionary();
        if (shared != null
            && batch.decimalScale(c) == ColumnBatch.OBJECTS
            && (from == 0
                || (batch.dictionaryValueRows(c) == from && batch.dictionary(c) == shared))) {
          // the numbers alone while the pages are dictionary-encoded: no object stored per row
          int read = objects.readIds(batch.nulls(c), batch.dictionaryIds(c), from, n);
          if (read > 0) {
            batch.setDictionaryValues(c, shared, from + read);
          }
          if (read == n) {
            return shared;
          }
          from += read;
          n -= read;
        }
        Object[] dictionary =
            objects.read(batch.objects(c), batch.nulls(c), batch.dictionaryIds(c), from, n);
        // the numbers hold for the batch only if every part of its fill came from one dictionary
        // (a batch may straddle row groups, each chunk with its own dictionary)
        if (dictionary != null && (from == 0 || batch.dictionary(c) == dictionary)) {
          batch.setDictionary(c, dictionary);
        } else {
          batch.dropDictionary(c);
        }
        return dictionary;
      }
      for (int k = from, end = from + n; k < end; k++) {
        batch.set(c, k, objects.next());
      }
      return null;
    }
    ColumnReader r = columnReaders[u];
    int maxDefinition = r.getDescriptor().getMaxDefinitionLevel();
    boolean[] nulls = batch.nulls(c);
    int end = from + n;
    byte decoding = batchDecoding[u];
    ColumnBatch.Kind kind = batch.kind(c);
    if ((decoding == INT32 || decoding == INT64) && kind == ColumnBatch.Kind.LONG) {
      long[] values = batch.longs(c);
      for (int k = from; k < end; k++) {
        boolean present = r.getCurrentDefinitionLevel() == maxDefinition;
        nulls[k] = !present;
        if (present) {
          values[k] = decoding == INT32 ? r.getInteger() : r.getLong();
        }
        r.consume();
      }
    } else if ((decoding == FLOAT || decoding == DOUBLE) && kind == ColumnBatch.Kind.DOUBLE) {
      double[] values = batch.doubles(c);
      for (int k = from; k < end; k++) {
        boolean present = r.getCurrentDefinitionLevel() == maxDefinition;
        nulls[k] = !present;
        if (present) {
          values[k] = decoding == DOUBLE ? r.getDouble() : r.getFloat();
        }
        r.consume();
      }
    } else {
      ParquetValueReader converter = columns[u].reader();
      for (int k = from; k < end; k++) {
        Object v = r.getCurrentDefinitionLevel() == maxDefinition ? converter.read(r) : null;
        batch.set(c, k, v);
        r.consume();
      }
    }
    return null;
  }

  /**
   * Reads a DECIMAL in INT32 or INT64 as unscaled longs when the page decoder has the chunk and the
   * batch's column holds such longs of the same scale or nothing yet; otherwise turns what the fill
   * put in the column so far into objects, for the object path to go on with.
   *
   * @return whether the values were read
   */
  private boolean unscaledDecimal(int u, ColumnBatch batch, int c, int from, int n) {
    int held = batch.decimalScale(c);
    if (batchDecoding[u] == UNSCALED
        && decoders[u] != null
        && (from == 0 || held == decimalScales[u])) {
      decoders[u].readLongs(batch.decimalLongs(c), batch.nulls(c), from, n);
      batch.setDecimalScale(c, decimalScales[u]);
      return true;
    }
    if (held != ColumnBatch.OBJECTS && from > 0) {
      batch.objectsDuringFill(c, from);
    }
    return false;
  }

  private void decodeColumn(
      PrimitivePageDecoder decoder, int u, ColumnBatch batch, int c, int from, int n) {
    byte decoding = batchDecoding[u];
    ColumnBatch.Kind kind = batch.kind(c);
    if ((decoding == INT32 || decoding == INT64) && kind == ColumnBatch.Kind.LONG) {
      decoder.readLongs(batch.longs(c), batch.nulls(c), from, n);
    } else if ((decoding == FLOAT || decoding == DOUBLE) && kind == ColumnBatch.Kind.DOUBLE) {
      decoder.readDoubles(batch.doubles(c), batch.nulls(c), from, n);
    } else {
      ParquetValueReader converter = columns[u].reader();
      LeafValue leaf = leaves[u];
      for (int k = from, end = from + n; k < end; k++) {
        batch.set(c, k, decoder.next(leaf) ? converter.read(leaf) : null);
      }
    }
  }

  /** The scan's columns as {@link ParquetBatchFilter} reads them. */
  private final class FilterColumns implements ParquetBatchFilter.Columns {
    @Override
    public Object[] read(int u, ColumnBatch batch, int c, int from, int n) {
      try {
        return readColumn(u, batch, c, from, n);
      } catch (RuntimeException e) {
        throw damaged("column '" + columns[u].column().name() + "' near", e);
      }
    }

    @Override
    public Object[] readAt(int u, ColumnBatch batch, int c, int from, int n, int[] rows, int k) {
      try {
        return readColumnAt(u, batch, c, from, n, rows, k);
      } catch (RuntimeException e) {
        throw damaged("column '" + columns[u].column().name() + "' near", e);
      }
    }

    @Override
    public int select(
        int u,
        ColumnBatch batch,
        int c,
        int from,
        int n,
        ColumnJudge judge,
        int[] rows,
        int[] spare,
        boolean keepLast) {
      PrimitivePageDecoder decoder = decoders[u];
      byte decoding = batchDecoding[u];
      ColumnBatch.Kind kind = batch.kind(c);
      try {
        if (decoder != null
            && (decoding == INT32 || decoding == INT64)
            && kind == ColumnBatch.Kind.LONG) {
          batch.dropDictionary(c);
          return decoder.selectLongs(
              batch.longs(c), batch.nulls(c), from, n, judge, rows, spare, keepLast);
        }
        if (decoder != null
            && (decoding == FLOAT || decoding == DOUBLE)
            && kind == ColumnBatch.Kind.DOUBLE) {
          batch.dropDictionary(c);
          return decoder.selectDoubles(
              batch.doubles(c), batch.nulls(c), from, n, judge, rows, spare, keepLast);
        }
      } catch (RuntimeException e) {
        throw damaged("column '" + columns[u].column().name() + "' near", e);
      }
      return -1;
    }

    @Override
    public void copy(ColumnBatch batch, int source, int target, int from, int n) {
      copyColumn(batch, source, target, from, n);
    }
  }

  /**
   * As {@link #readColumn} over the next {@code n} values, keeping those at offsets {@code rows[0,
   * k)} in rows {@code [from, from + k)}: the page decoders skip the others; a column they do not
   * decode is read whole and compacted.
   */
  private Object[] readColumnAt(
      int u, ColumnBatch batch, int c, int from, int n, int[] rows, int k) {
    PrimitivePageDecoder decoder = decoders[u];
    ObjectPageDecoder objects = objectDecoders[u];
    byte decoding = batchDecoding[u];
    ColumnBatch.Kind kind = batch.kind(c);
    if (batch.type(c) == ColumnType.DECIMAL) {
      if (decoding == UNSCALED
          && decoder != null
          && (from == 0 || batch.decimalScale(c) == decimalScales[u])) {
        batch.dropDictionary(c);
        decoder.readLongs(batch.decimalLongs(c), batch.nulls(c), from, n, rows, k);
        batch.setDecimalScale(c, decimalScales[u]);
        return null;
      }
    } else if (decoder != null
        && (decoding == INT32 || decoding == INT64)
        && kind == ColumnBatch.Kind.LONG) {
      decoder.readLongs(batch.longs(c), batch.nulls(c), from, n, rows, k);
      return null;
    } else if (decoder != null
        && (decoding == FLOAT || decoding == DOUBLE)
        && kind == ColumnBatch.Kind.DOUBLE) {
      decoder.readDoubles(batch.doubles(c), batch.nulls(c), from, n, rows, k);
      return null;
    } else if (objects != null && kind == ColumnBatch.Kind.OBJECT) {
      Object[] shared = objects.sharedDictionary();
      if (shared != null
          && batch.decimalScale(c) == ColumnBatch.OBJECTS
          && (from == 0
              || (batch.dictionaryValueRows(c) == from && batch.dictionary(c) == shared))) {
        // the kept rows' numbers alone while the pages are dictionary-encoded, as readColumn does
        int read = objects.readIds(batch.nulls(c), batch.dictionaryIds(c), from, n, rows, k);
        int kept = 0;
        while (kept < k && rows[kept] < read) {
          kept++;
        }
        if (read > 0) {
          batch.setDictionaryValues(c, shared, from + kept);
        }
        if (read == n) {
          return shared;
        }
        // a PLAIN page: the rest as objects, their offsets counted from where the numbers end
        int[] rest = new int[k - kept];
        for (int i = 0; i < rest.length; i++) {
          rest[i] = rows[kept + i] - read;
        }
        from += kept;
        n -= read;
        rows = rest;
        k = rest.length;
      }
      Object[] dictionary =
          objects.read(batch.objects(c), batch.nulls(c), batch.dictionaryIds(c), from, n, rows, k);
      if (dictionary != null && (from == 0 || batch.dictionary(c) == dictionary)) {
        batch.setDictionary(c, dictionary);
      } else {
        batch.dropDictionary(c);
      }
      return dictionary;
    }
    Object[] dictionary = readColumn(u, batch, c, from, n);
    ParquetBatchFilter.compact(batch, c, from, rows, k, n, dictionary != null);
    return dictionary;
  }

  private static void copyColumn(ColumnBatch batch, int source, int target, int from, int n) {
    // a column projected twice: only its first place carries dictionary numbers
    batch.dropDictionary(target);
    int scale = batch.decimalScale(source);
    if (scale != ColumnBatch.OBJECTS) {
      if (from == 0 || batch.decimalScale(target) == scale) {
        System.arraycopy(batch.nulls(source), from, batch.nulls(target), from, n);
        System.arraycopy(batch.decimalLongs(source), from, batch.decimalLongs(target), from, n);
        batch.setDecimalScale(target, scale);
        return;
      }
      batch.objectsDuringFill(source, from + n);
    }
    if (batch.decimalScale(target) != ColumnBatch.OBJECTS) {
      batch.objectsDuringFill(target, from);
    }
    System.arraycopy(batch.nulls(source), from, batch.nulls(target), from, n);
    switch (batch.kind(target)) {
      case LONG -> System.arraycopy(batch.longs(source), from, batch.longs(target), from, n);
      case DOUBLE -> System.arraycopy(batch.doubles(source), from, batch.doubles(target), from, n);
      default -> System.arraycopy(batch.objects(source), from, batch.objects(target), from, n);
    }
  }

  /**
   * Whether a flat column's SQL value is its physical value as is (signed integers, DATE, TIME in
   * milliseconds, plain FLOAT and DOUBLE): then {@link #nextBatch} reads it unboxed.
   */
  private static byte batchDecoding(MappedColumn column) {
    if (column.unsupported() != null || !column.field().isPrimitive()) {
      return GENERIC;
    }
    PrimitiveType primitive = column.field().asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    ColumnType type = column.column().type();
    boolean plainInteger =
        logical == null
            || (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned());
    if (type == ColumnType.DECIMAL
        && logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
        && (primitive.getPrimitiveTypeName() == PrimitiveTypeName.INT32
            || primitive.getPrimitiveTypeName() == PrimitiveTypeName.INT64)) {
      return UNSCALED;
    }
    return switch (primitive.getPrimitiveTypeName()) {
      case INT32 ->
          (plainInteger
                      && (type == ColumnType.INTEGER
                          || type == ColumnType.SMALLINT
                          || type == ColumnType.TINYINT))
                  || (type == ColumnType.DATE
                      && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation)
              ? INT32
              : GENERIC;
      case INT64 -> plainInteger && type == ColumnType.BIGINT ? INT64 : GENERIC;
      case FLOAT -> logical == null && type == ColumnType.REAL ? FLOAT : GENERIC;
      case DOUBLE -> logical == null && type == ColumnType.DOUBLE ? DOUBLE : GENERIC;
      default -> GENERIC;
    };
  }

  private Object[] readRow() {
    Object[] values = new Object[columns.length];
    Object[] nested = nestedReader == null ? null : readNested();
    for (int i = 0; i < columns.length; i++) {
      if (nestedSlot[i] >= 0) {
        values[i] = nested[nestedSlot[i]];
        continue;
      }
      ColumnReader r = columnReaders[i];
      try {
        if (objectDecoders[i] != null) {
          values[i] = objectDecoders[i].next();
          continue;
        }
        if (r == null) {
          values[i] = decoders[i].next(leaves[i]) ? columns[i].reader().read(leaves[i]) : null;
          continue;
        }
        if (r.getCurrentDefinitionLevel() == r.getDescriptor().getMaxDefinitionLevel()) {
          values[i] = columns[i].reader().read(r);
        }
        r.consume();
      } catch (RuntimeException e) {
        throw damaged("column '" + columns[i].column().name() + "' at", e);
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

  private Object[] readNested() {
    try {
      return nestedReader.read();
    } catch (RuntimeException e) {
      throw damaged("nested column(s) " + nestedNames + " at", e);
    }
  }

  /**
   * The error for a value that could not be decoded at the current row: {@code what} names the
   * column(s) and how the row is placed ("at", or "near" within a batch).
   */
  private FormatException damaged(String what, RuntimeException e) {
    return new FormatException(
        "Parquet object '"
            + key
            + "': cannot read "
            + what
            + " row "
            + rowIndex
            + " (row group "
            + currentBlock
            + "): "
            + e.getMessage()
            + "; the file is damaged: write and upload it again",
        e);
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
    UnsupportedCodecException codec = Causes.find(e, UnsupportedCodecException.class);
    if (codec != null) {
      return new FormatException("Parquet object '" + key + "': " + codec.getMessage(), e);
    }
    return new FormatException(
        "Parquet object '"
            + key
            + "': cannot read row group "
            + blockByRowOffset.getOrDefault(block.getRowIndexOffset(), nextBlock)
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
