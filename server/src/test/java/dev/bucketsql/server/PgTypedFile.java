package dev.bucketsql.server;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A small Parquet object with a column of each type the PostgreSQL endpoint describes: integers of
 * two widths, a double, a decimal, text, a boolean, a date, a timestamp, a list of text, a struct
 * and a list of structs (NULLs, empty lists and text needing JSON escapes included).
 */
final class PgTypedFile {
  /** The object key; the table is {@code typed}. */
  static final String KEY = "typed.parquet";

  /** Rows in the file. */
  static final int ROWS = 4;

  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message typed {\n"
              + "  required int64 id;\n"
              + "  optional int32 qty;\n"
              + "  optional double price;\n"
              + "  optional int64 amount (DECIMAL(12,2));\n"
              + "  optional binary name (STRING);\n"
              + "  optional boolean ok;\n"
              + "  optional int32 day (DATE);\n"
              + "  optional int64 at (TIMESTAMP(MICROS,false));\n"
              + "  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }\n"
              + "  optional group author { optional binary name (STRING); optional int32 age; }\n"
              + "  optional group items (LIST) { repeated group list { optional group element {"
              + " optional binary sku (STRING); optional int32 n; } } }\n"
              + "}");

  private PgTypedFile() {}

  /** The file's bytes. */
  static byte[] bytes(Path dir) throws IOException {
    Path path = dir.resolve(KEY);
    Files.deleteIfExists(path); // the writer refuses to overwrite
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), SCHEMA).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group row = factory.newGroup().append("id", (long) i);
        if (i != 3) { // row 3: NULL everywhere it can be
          row.append("qty", 10 * i)
              .append("price", i + 0.5)
              .append(
                  "amount",
                  new BigDecimal("1234.5")
                      .add(BigDecimal.valueOf(i))
                      .movePointRight(2)
                      .longValueExact())
              .append("name", i == 1 ? "quote \" and \\ back" : "n" + i)
              .append("ok", i % 2 == 0)
              .append("day", (int) LocalDate.of(2024, 2, 27 + i).toEpochDay())
              .append(
                  "at", LocalDate.of(2024, 1, 1).toEpochDay() * 86_400_000_000L + i * 1_500_000L);
          Group tags = row.addGroup("tags");
          for (int t = 0; t < i; t++) {
            tags.addGroup("list").append("element", "t" + t);
          }
          Group author = row.addGroup("author");
          author.append("name", i == 1 ? "Zoë \"Z\"" : "a" + i);
          if (i != 2) {
            author.append("age", 30 + i);
          }
          Group items = row.addGroup("items");
          for (int t = 0; t < i; t++) {
            Group element = items.addGroup("list").addGroup("element");
            element.append("sku", "s" + t);
            element.append("n", t);
          }
        }
        writer.write(row);
      }
    }
    return Files.readAllBytes(path);
  }
}
