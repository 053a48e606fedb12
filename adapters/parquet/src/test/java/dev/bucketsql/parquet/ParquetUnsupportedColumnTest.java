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
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * Columns of types not supported yet, alone or inside a struct or list, stay in the schema, fail
 * clearly when scanned, and block nothing else.
 */
class ParquetUnsupportedColumnTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message recipe {\n"
              + "  required int64 id;\n"
              + "  optional fixed_len_byte_array(12) wait (INTERVAL);\n"
              + "  optional group author { optional binary name (STRING); optional"
              + " fixed_len_byte_array(12) age (INTERVAL); }\n"
              + "  optional group tags (LIST) { repeated group list { optional"
              + " fixed_len_byte_array(12) element (INTERVAL); } }\n"
              + "  optional binary name (STRING);\n"
              + "}");

  private final InMemoryObjectStore store = new InMemoryObjectStore("nested");
  private final ParquetDataFile file = write();

  private ParquetDataFile write() {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Group g = factory.newGroup().append("id", (long) i).append("name", "r" + i);
      Binary interval = Binary.fromConstantByteArray(new byte[12]);
      g.append("wait", interval);
      g.addGroup("author").append("name", "a" + i).append("age", interval);
      g.addGroup("tags").addGroup("list").append("element", interval);
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
        .containsExactly("id", "wait", "author", "tags", "name");
    for (int c = 1; c <= 3; c++) {
      assertThat(schema.column(c).type()).isEqualTo(ColumnType.VARCHAR);
      assertThat(schema.column(c).nullable()).isTrue();
    }
  }

  @Test
  void scanningANestedColumnNamesTheKeyAndTheColumn() {
    for (String column : new String[] {"wait", "author", "tags"}) {
      int index = file.schema().indexOf(column);
      assertThatThrownBy(() -> file.scan(new ScanSpec(new int[] {0, index}, new IoStats())))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("nested/recipes.parquet")
          .hasMessageContaining("'" + column + "'")
          .hasMessageContaining("not supported")
          .hasMessageContaining("leave it out of the query");
    }
    // Inside a nested column the message names the part that cannot be read.
    assertThatThrownBy(
            () ->
                file.scan(new ScanSpec(new int[] {file.schema().indexOf("author")}, new IoStats())))
        .hasMessageContaining("its part 'author.age'");
    assertThatThrownBy(
            () -> file.scan(new ScanSpec(new int[] {file.schema().indexOf("tags")}, new IoStats())))
        .hasMessageContaining("its part 'tags.list.element'");
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
