package dev.bucketsql.sqltests;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A small Parquet object with nested columns, read by BucketSQL as table {@code nested_recipes} and
 * by DuckDB from the same local file: a nullable struct {@code author} holding a nested struct
 * {@code address} (a NULL struct, a struct of NULL fields, a NULL nested struct), a field spelled
 * {@code Age} to check how names match, a NOT NULL struct {@code point}, a list {@code tags} and a
 * map {@code attrs}.
 */
final class NestedParquetFile {
  /** The object key, and the local file name. */
  static final String KEY = "nested_recipes.parquet";

  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message nested_recipes {\n"
              + "  required int32 id;\n"
              + "  optional group author { optional binary name (STRING); optional int32 Age;"
              + " optional group address { optional binary city (STRING); optional int32 zip; } }\n"
              + "  required group point { required double x; required double y; }\n"
              + "  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }\n"
              + "  optional group attrs (MAP) { repeated group key_value { required binary key (STRING);"
              + " optional int32 value; } }\n"
              + "}");
  private static final String[] NAMES = {"ann", "bob", "ann", "cid", "bob"};
  private static final String[] CITIES = {"Lyon", "Paris", null, "Lyon"};
  private static final int ROWS = 12;

  private NestedParquetFile() {}

  /** Writes the file to {@code path}. */
  static void write(Path path) throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), SCHEMA)
            .withRowGroupRowCountLimit(5)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        Group row = factory.newGroup().append("id", i);
        if (i % 6 != 0) { // rows 0 and 6: a NULL author
          Group author = row.addGroup("author");
          if (i != 1) { // row 1: an author whose fields are all NULL
            author.append("name", NAMES[i % NAMES.length]);
            if (i % 4 != 3) {
              author.append("Age", 20 + i * 3 % 17);
            }
            if (i % 5 != 2) {
              Group address = author.addGroup("address");
              String city = CITIES[i % CITIES.length];
              if (city != null) {
                address.append("city", city);
              }
              if (i % 2 == 0) {
                address.append("zip", 69000 + i);
              }
            }
          }
        }
        row.addGroup("point").append("x", i * 0.5).append("y", 10.0 - i);
        if (i % 3 != 0) {
          Group tags = row.addGroup("tags");
          for (int t = 0; t < i % 3; t++) {
            Group element = tags.addGroup("list");
            if (t == 0) {
              element.append("element", "t" + i);
            }
          }
        }
        if (i % 4 != 1) {
          Group attrs = row.addGroup("attrs");
          attrs.addGroup("key_value").append("key", "kcal").append("value", 100 * i);
          attrs.addGroup("key_value").append("key", "none");
        }
        writer.write(row);
      }
    }
  }
}
