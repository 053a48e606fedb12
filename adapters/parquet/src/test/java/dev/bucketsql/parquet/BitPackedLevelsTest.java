package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bitpacking.BitPackingValuesWriter;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/**
 * The page decoder over a V1 page whose definition levels use the deprecated BIT_PACKED encoding
 * (old writers), written by parquet-java's own BIT_PACKED writer: NULLs where the level is 0, the
 * PLAIN values in order elsewhere.
 */
class BitPackedLevelsTest {
  @Test
  void bitPackedDefinitionLevelsGiveTheNullsAndValues() throws Exception {
    PrimitiveType type = Types.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL).named("v");
    ColumnDescriptor column = new ColumnDescriptor(new String[] {"v"}, type, 0, 1);
    Long[] expected = {7L, null, -3L, null, null, Long.MAX_VALUE, 0L, null, 42L, 1L, null};
    BitPackingValuesWriter levels =
        new BitPackingValuesWriter(1, 64, 1024, new HeapByteBufferAllocator());
    List<Long> present = new ArrayList<>();
    for (Long v : expected) {
      levels.writeInteger(v == null ? 0 : 1);
      if (v != null) {
        present.add(v);
      }
    }
    ByteBuffer values = ByteBuffer.allocate(8 * present.size()).order(ByteOrder.LITTLE_ENDIAN);
    present.forEach(values::putLong);
    DataPage page =
        new DataPageV1(
            BytesInput.concat(levels.getBytes(), BytesInput.from(values.array())),
            expected.length,
            0,
            Statistics.createStats(type),
            Encoding.BIT_PACKED,
            Encoding.BIT_PACKED,
            Encoding.PLAIN);
    PrimitivePageDecoder decoder = new PrimitivePageDecoder(new OnePage(page), column);
    LeafValue leaf = new LeafValue();
    for (Long v : expected) {
      boolean found = decoder.next(leaf);
      assertThat(found).isEqualTo(v != null);
      if (v != null) {
        assertThat(leaf.lng).isEqualTo(v);
      }
    }
  }

  /** A column chunk of one data page and no dictionary. */
  private static final class OnePage implements PageReader {
    private DataPage page;

    OnePage(DataPage page) {
      this.page = page;
    }

    @Override
    public DictionaryPage readDictionaryPage() {
      return null;
    }

    @Override
    public long getTotalValueCount() {
      return page == null ? 0 : page.getValueCount();
    }

    @Override
    public DataPage readPage() {
      DataPage p = page;
      page = null;
      return p;
    }
  }
}
