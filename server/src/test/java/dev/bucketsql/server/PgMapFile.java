package dev.bucketsql.server;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A small Parquet object with maps: text to integer, integer (keys that are not text) to date (a
 * value JSON writes as ISO text), and a list of maps of text to double; with NULL maps, NULL
 * values, empty maps and keys that need JSON escapes.
 */
final class PgMapFile {
  /** The object key; the table is {@code mapped}. */
  static final String KEY = "mapped.parquet";

  /** Rows in the file. */
  static final int ROWS = 4;

  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message mapped {\n"
              + "  required int64 id;\n"
              + "  optional group attrs (MAP) { repeated group key_value { required binary key (STRING);"
              + " optional int32 value; } }\n"
              + "  optional group codes (MAP) { repeated group key_value { required int32 key;"
              + " optional int32 value (DATE); } }\n"
              + "  optional group history (LIST) { repeated group list { optional group element (MAP) {"
              + " repeated group key_value { required binary key (STRING); optional double value; } } } }\n"
              + "}");

  private PgMapFile() {}

  /** The file's bytes. */
  static byte[] bytes(Path dir) throws IOException {
    Path path = dir.resolve(KEY);
    Files.deleteIfExists(path); // the writer refuses to overwrite
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), SCHEMA).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group row = factory.newGroup().append("id", (long) i);
        if (i != 3) { // row 3: NULL maps and list
          Group attrs = row.addGroup("attrs");
          for (int k = 0; k < i; k++) {
            Group entry = attrs.addGroup("key_value").append("key", k == 1 ? "q\"uote" : "k" + k);
            if (k != 1 || i != 2) {
              entry.append("value", 10 * i + k);
            }
          }
          Group codes = row.addGroup("codes");
          codes
              .addGroup("key_value")
              .append("key", 100 + i)
              .append("value", (int) java.time.LocalDate.of(2024, 2, 28).plusDays(i).toEpochDay());
          Group history = row.addGroup("history");
          for (int h = 0; h < i; h++) {
            Group map = history.addGroup("list").addGroup("element");
            map.addGroup("key_value").append("key", "h" + h).append("value", h + 0.5);
          }
        }
        writer.write(row);
      }
    }
    return Files.readAllBytes(path);
  }
}
