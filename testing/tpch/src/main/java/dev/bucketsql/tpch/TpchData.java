package dev.bucketsql.tpch;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3TestServer;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The eight TPC-H tables at a scale factor, one Parquet file per table named {@code
 * <table>.parquet} (so BucketSQL's table and DuckDB's view are both called {@code lineitem}, {@code
 * orders}, ...).
 *
 * <p>Column types follow the generator's: identifiers BIGINT (INT64), integers INTEGER (INT32),
 * dates DATE, money, quantities and rates DOUBLE (the generator has no decimals), text VARCHAR.
 * Every column is required: TPC-H has no NULLs. SNAPPY, at most {@value #ROW_GROUP_ROWS} rows per
 * row group, so a big table has several row groups to prune and split.
 */
public final class TpchData {
  /** Rows per row group. */
  static final int ROW_GROUP_ROWS = 500_000;

  private TpchData() {}

  /** The file of {@code table} in a data directory. */
  public static String fileName(TpchTable<?> table) {
    return table.getTableName() + ".parquet";
  }

  /**
   * Writes all eight tables at {@code scaleFactor} under {@code dir}, unless a previous call with
   * the same scale factor wrote them completely (the generator is deterministic, so the files would
   * be the same bytes).
   *
   * @return the files written or found, one per table
   */
  public static List<Path> write(double scaleFactor, Path dir) throws IOException {
    requireNonNull(dir, "dir is null");
    if (!(scaleFactor > 0)) {
      throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
    }
    Files.createDirectories(dir);
    Path done = dir.resolve(String.format(Locale.ROOT, ".complete-sf%s", scaleFactor));
    List<Path> files = new ArrayList<>();
    boolean complete = Files.exists(done);
    for (TpchTable<?> table : TpchTable.getTables()) {
      Path file = dir.resolve(fileName(table));
      if (!complete || !Files.exists(file)) {
        writeTable(table, scaleFactor, file);
      }
      files.add(file);
    }
    Files.writeString(done, "");
    return files;
  }

  /**
   * Uploads the files of {@link #write} to {@code bucket} (created if needed) under their names.
   */
  public static void upload(S3TestServer server, String bucket, List<Path> files) {
    requireNonNull(server, "server is null");
    server.createBucket(bucket);
    for (Path file : files) {
      server.putObject(bucket, file.getFileName().toString(), file);
    }
  }

  private static <E extends TpchEntity> void writeTable(
      TpchTable<E> table, double scaleFactor, Path file) throws IOException {
    MessageType schema = schema(table);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    List<TpchColumn<E>> columns = table.getColumns();
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(partial), schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
            .build()) {
      for (E row : table.createGenerator(scaleFactor, 1, 1)) {
        Group g = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
          TpchColumn<E> c = columns.get(i);
          switch (c.getType().getBase()) {
            case IDENTIFIER -> g.append(c.getColumnName(), c.getIdentifier(row));
            case INTEGER -> g.append(c.getColumnName(), c.getInteger(row));
            case DATE -> g.append(c.getColumnName(), c.getDate(row));
            case DOUBLE -> g.append(c.getColumnName(), c.getDouble(row));
            case VARCHAR -> g.append(c.getColumnName(), c.getString(row));
          }
        }
        writer.write(g);
      }
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static MessageType schema(TpchTable<?> table) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (TpchColumn<?> c : table.getColumns()) {
      String name = c.getColumnName();
      switch (c.getType().getBase()) {
        case IDENTIFIER -> message.required(PrimitiveTypeName.INT64).named(name);
        case INTEGER -> message.required(PrimitiveTypeName.INT32).named(name);
        case DATE ->
            message
                .required(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(name);
        case DOUBLE -> message.required(PrimitiveTypeName.DOUBLE).named(name);
        case VARCHAR ->
            message
                .required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
      }
    }
    return message.named(table.getTableName());
  }
}
