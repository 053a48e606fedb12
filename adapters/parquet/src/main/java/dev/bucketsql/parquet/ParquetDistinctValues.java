package dev.bucketsql.parquet;

import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import dev.bucketsql.storage.ObjectInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;

/**
 * About how many distinct values a flat column holds, from the dictionary of its first row group: a
 * writer that dictionary-encodes every page of a chunk stores each distinct value once in the
 * dictionary page, whose header counts them. Parquet footers carry no distinct count, and the
 * planner needs one to tell {@code r_name = 'AMERICA'} (one of 5 values) from {@code p_type =
 * '...'} (one of 150) apart.
 *
 * <p>Costs one small ranged read (the page header, not the dictionary). When the first row group
 * holds at least twice as many rows as dictionary entries, the values repeat: a category column,
 * taken to hold that many values in the whole file. Otherwise the values barely repeat and the
 * count is scaled to the file's rows. Unknown (empty) when a page of the chunk fell back to plain
 * encoding (many distinct values), the footer has no encoding statistics, or the header cannot be
 * read.
 */
final class ParquetDistinctValues {
  /** Bytes read at the dictionary page: its header is a few dozen bytes. */
  private static final int HEADER_READ = 256;

  private ParquetDistinctValues() {}

  static OptionalDouble estimate(ParquetFooter footer, int index, Supplier<ObjectInput> opener) {
    if (index < 0 || index >= footer.mapping().size()) {
      return OptionalDouble.empty();
    }
    MappedColumn column = footer.mapping().column(index);
    if (column.unsupported() != null || column.isNested() || !column.field().isPrimitive()) {
      return OptionalDouble.empty();
    }
    BlockMetaData first = null;
    long fileRows = 0;
    for (BlockMetaData block : footer.metadata().getBlocks()) {
      fileRows += block.getRowCount();
      if (first == null && block.getRowCount() > 0) {
        first = block;
      }
    }
    if (first == null) {
      return OptionalDouble.empty();
    }
    ColumnChunkMetaData chunk = chunk(first, ColumnPath.get(column.field().getName()));
    EncodingStats encodings = chunk == null ? null : chunk.getEncodingStats();
    if (encodings == null
        || !encodings.hasDictionaryPages()
        || encodings.hasNonDictionaryEncodedPages()) {
      return OptionalDouble.empty();
    }
    OptionalDouble entries = dictionaryEntries(chunk, opener);
    if (entries.isEmpty()) {
      return entries;
    }
    double d = entries.getAsDouble();
    double groupRows = first.getRowCount();
    return OptionalDouble.of(d * 2 <= groupRows ? d : Math.min(fileRows, d * fileRows / groupRows));
  }

  private static OptionalDouble dictionaryEntries(
      ColumnChunkMetaData chunk, Supplier<ObjectInput> opener) {
    // some writers leave the dictionary offset unset: the dictionary then starts the chunk
    long start =
        chunk.getDictionaryPageOffset() > 0
            ? chunk.getDictionaryPageOffset()
            : chunk.getStartingPos();
    long end = chunk.getStartingPos() + chunk.getTotalSize();
    try (ObjectInput input = opener.get()) {
      int length = (int) Math.min(HEADER_READ, Math.min(end, input.length()) - start);
      if (length <= 0) {
        return OptionalDouble.empty();
      }
      byte[] bytes = new byte[length];
      input.readFully(start, bytes);
      PageHeader header = Util.readPageHeader(new ByteArrayInputStream(bytes));
      if (header.getType() != PageType.DICTIONARY_PAGE || !header.isSetDictionary_page_header()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(header.getDictionary_page_header().getNum_values());
    } catch (IOException | RuntimeException e) {
      // an estimate only: a header that cannot be read leaves it unknown
      return OptionalDouble.empty();
    }
  }

  private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnPath path) {
    for (ColumnChunkMetaData c : block.getColumns()) {
      if (c.getPath().equals(path)) {
        return c;
      }
    }
    return null;
  }
}
