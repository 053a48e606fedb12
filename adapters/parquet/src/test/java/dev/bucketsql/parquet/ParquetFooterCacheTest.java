package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.util.List;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/** Footers are cached per object version and evicted least recently used first. */
class ParquetFooterCacheTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore("cache");

  private static byte[] file(String schemaText) {
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    return ParquetFixtures.write(
        schema,
        CompressionCodecName.SNAPPY,
        10,
        List.of(new SimpleGroupFactory(schema).newGroup().append("a", 1)));
  }

  @Test
  void aRewrittenObjectIsReadAgainUnderItsNewEtag() {
    ParquetFooterCache cache = new ParquetFooterCache(8);
    ObjectInfo v1 = store.put("t.parquet", file("message m { required int32 a; }"));
    assertThat(new ParquetDataFile(store, v1, cache).schema().size()).isEqualTo(1);
    long gets = store.stats().getRequests();
    assertThat(new ParquetDataFile(store, v1, cache).schema().size()).isEqualTo(1);
    assertThat(store.stats().getRequests()).isEqualTo(gets);

    ObjectInfo v2 =
        store.put("t.parquet", file("message m { required int32 a; optional double b; }"));
    assertThat(v2.etag()).isNotEqualTo(v1.etag());
    assertThat(new ParquetDataFile(store, v2, cache).schema().size()).isEqualTo(2);
    assertThat(store.stats().getRequests()).isEqualTo(gets + 1);
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondCapacity() {
    ParquetFooterCache cache = new ParquetFooterCache(2);
    byte[] bytes = file("message m { required int32 a; }");
    ObjectInfo a = store.put("a.parquet", bytes);
    ObjectInfo b = store.put("b.parquet", bytes);
    ObjectInfo c = store.put("c.parquet", bytes);
    new ParquetDataFile(store, a, cache).schema();
    new ParquetDataFile(store, b, cache).schema();
    new ParquetDataFile(store, a, cache).schema(); // a is now more recent than b
    new ParquetDataFile(store, c, cache).schema(); // evicts b
    assertThat(cache.size()).isEqualTo(2);

    long gets = store.stats().getRequests();
    new ParquetDataFile(store, a, cache).schema();
    assertThat(store.stats().getRequests()).isEqualTo(gets);
    new ParquetDataFile(store, b, cache).schema();
    assertThat(store.stats().getRequests()).isEqualTo(gets + 1);
  }

  @Test
  void rowCountComesFromTheFooterAlone() {
    ParquetFooterCache cache = new ParquetFooterCache(2);
    ObjectInfo a = store.put("a.parquet", file("message m { required int32 a; }"));
    ParquetDataFile data = new ParquetDataFile(store, a, cache);
    assertThat(data.rowCount()).isEqualTo(1);
    assertThat(data.rowGroupCount()).isEqualTo(1);
    assertThat(store.stats().getRequests()).isEqualTo(1);
  }
}
