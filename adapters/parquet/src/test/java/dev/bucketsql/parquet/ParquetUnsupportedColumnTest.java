package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/** Nested columns stay in the schema, fail clearly when scanned, and block nothing else. */
class ParquetUnsupportedColumnTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message recipe {\n"
              + "  required int64 id;\n"
              + "  optional group tags (LIST) { repeated group list { optional binary element"
              + " (STRING); } }\n"
              + "  optional group author { optional binary name (STRING); optional int32 age; }\n"
              + "  repeated int32 legacy_steps;\n"
              + "  optional binary name (STRING);\n"
              + "}");

  private final InMemoryObjectStore store = new InMemoryObjectStore("nested");
  private final ParquetDataFile file = write();

  private ParquetDataFile write() {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Group g = factory.newGroup().append("id", (long) i).append("name", "r" + i);
      g.addGroup("tags").addGroup("list").append("element", "t" + i);
      g.addGroup("author").append("name", "a" + i).append("age", i);
      g.append("legacy_steps", i).append("legacy_steps", i + 1);
      rows.add(g);
    }
    byte[] bytes = ParquetFixtures.write(SCHEMA, CompressionCodecName.SNAPPY, 20, rows);
    return new ParquetDataFile(
        store, store.put("nested/recipes.parquet", bytes), new ParquetFooterCache(4));
  }

  @Test
  void listsNestedColumnsSoTheTableKeepsItsShape() {
    TableSchema schema = file.schema();
    assertThat(schema.columns())
        .extracting(c -> c.name())
        .containsExactly("id", "tags", "author", "legacy_steps", "name");
    assertThat(schema.column(1).type()).isEqualTo(ColumnType.VARCHAR);
    assertThat(schema.column(1).nullable()).isTrue();
  }

  @Test
  void scanningANestedColumnNamesTheKeyAndTheColumn() {
    for (String column : new String[] {"tags", "author", "legacy_steps"}) {
      int index = file.schema().indexOf(column);
      assertThatThrownBy(() -> file.scan(new ScanSpec(new int[] {0, index}, new IoStats())))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("nested/recipes.parquet")
          .hasMessageContaining("'" + column + "'")
          .hasMessageContaining("not supported")
          .hasMessageContaining("leave it out of the query");
    }
  }

  @Test
  void theOtherColumnsStayQueryable() {
    TableSchema schema = file.schema();
    int[] projection = {schema.indexOf("name"), schema.indexOf("id")};
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
      assertThat(cursor.rowGroupsRead()).isEqualTo(3);
      assertThat(cursor.rowGroupsTotal()).isEqualTo(3);
    }
    assertThat(rows).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(rows.get(i)).containsExactly("r" + i, (long) i);
    }
  }
}
