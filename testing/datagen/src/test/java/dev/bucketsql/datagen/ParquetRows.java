package dev.bucketsql.datagen;

import dev.bucketsql.parquet.codec.HadoopFreeReadOptions;
import dev.bucketsql.parquet.codec.ParquetCodecFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads a generated Parquet file back with parquet-java: its footer and every row. */
final class ParquetRows {
  final ParquetMetadata footer;
  final List<Group> rows;

  private ParquetRows(ParquetMetadata footer, List<Group> rows) {
    this.footer = footer;
    this.rows = rows;
  }

  static ParquetRows read(Path path) throws IOException {
    try (ParquetFileReader reader =
        new ParquetFileReader(
            new LocalInputFile(path), HadoopFreeReadOptions.create(new ParquetCodecFactory()))) {
      ParquetMetadata footer = reader.getFooter();
      MessageType schema = footer.getFileMetaData().getSchema();
      List<Group> rows = new ArrayList<>();
      for (PageReadStore store; (store = reader.readNextRowGroup()) != null; ) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(schema)
                .getRecordReader(store, new GroupRecordConverter(schema));
        for (long k = 0; k < store.getRowCount(); k++) {
          rows.add(records.read());
        }
      }
      return new ParquetRows(footer, rows);
    }
  }

  List<BlockMetaData> rowGroups() {
    return footer.getBlocks();
  }

  MessageType schema() {
    return footer.getFileMetaData().getSchema();
  }
}
