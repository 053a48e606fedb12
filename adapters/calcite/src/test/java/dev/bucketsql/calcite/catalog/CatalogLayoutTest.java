package dev.bucketsql.calcite.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How keys become schemas and tables, against a real S3 server. */
@ExtendWith(S3ServerExtension.class)
class CatalogLayoutTest {
  private static S3ObjectStore store;
  private static CatalogSnapshot snapshot;

  @BeforeAll
  static void list(S3TestServer server) {
    CatalogTestBucket.ensure(server);
    store = CatalogTestBucket.store(server);
    snapshot = CatalogTestBucket.catalog(store, Duration.ofMinutes(5)).snapshot();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static List<String> tables(String schema) {
    return new ArrayList<>(snapshot.schemas().get(schema).tables().keySet());
  }

  @Test
  void rootFilesAndDataFoldersAreTablesOtherFoldersAreSchemas() {
    assertThat(snapshot.schemas().keySet())
        .containsExactlyInAnyOrder("", "results", "archive", "archive/old", "logs");
    assertThat(tables("")).containsExactly("PP_recipes", "a", "bad", "interactions", "ratings");
    assertThat(tables("results")).containsExactly("analysis");
    assertThat(tables("archive")).containsExactly("2024");
    assertThat(tables("archive/old")).containsExactly("x", "y");
    assertThat(tables("logs")).containsExactly("2024-12", "2025-01", "2025-02");
  }

  @Test
  void partFilesAreOneTableCombinedByName() {
    CatalogTable ratings = snapshot.schemas().get("").tables().get("ratings");
    assertThat(ratings.file()).isInstanceOf(UnionDataFile.class);
    TableSchema schema = ratings.file().schema();
    assertThat(schema.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.nullable()))
        .containsExactly("user BIGINT true", "rating BIGINT true", "comment VARCHAR true");
    assertThat(rows(ratings, ScanSpec.allColumns(schema, new IoStats())))
        .containsExactly("[1, 5, null]", "[2, 4, null]", "[3, 3, ok]");
  }

  @Test
  void hiveFoldersAddTypedPartitionColumns() {
    UnionDataFile interactions =
        (UnionDataFile) snapshot.schemas().get("").tables().get("interactions").file();
    assertThat(interactions.schema().columns().stream().map(Column::name))
        .containsExactly("user_id", "rating", "year", "month");
    assertThat(interactions.partitionColumns().stream().map(Column::type))
        .containsExactly(ColumnType.BIGINT, ColumnType.BIGINT);
    assertThat(
            rows(
                snapshot.schemas().get("").tables().get("interactions"),
                new ScanSpec(new int[] {0, 2, 3}, new IoStats())))
        .containsExactly(
            "[1, 2018, 1]",
            "[2, 2018, 1]",
            "[3, 2018, 2]",
            "[4, 2019, 1]",
            "[5, 2019, 1]",
            "[6, 2019, 1]");
    assertThat(interactions.remarks()).contains("3 files").contains("partitioned by year, month");
  }

  @Test
  void collisionPrefersParquetAndKeepsTheOtherReachableByKey() {
    CatalogTable a = snapshot.schemas().get("").tables().get("a");
    assertThat(((CatalogFile) a.file()).key()).isEqualTo("a.parquet");
    assertThat(a.shadowed()).containsExactly("a.csv");
    assertThat(((Remarked) a.file()).remarks()).contains("\"a.csv\"");
    assertThat(snapshot.keyTable("a.csv", true).file().key()).isEqualTo("a.csv");
    assertThat(snapshot.keyTable("results/analysis.csv", true).file().key())
        .isEqualTo("results/analysis.csv");
    assertThat(snapshot.keyTable("RESULTS/analysis.CSV", false).file().key())
        .isEqualTo("results/analysis.csv");
    assertThat(snapshot.keyTable("results/notes.txt", false)).isNull();
  }

  @Test
  void typeConflictNamesBothFiles() {
    CatalogTable bad = snapshot.schemas().get("").tables().get("bad");
    assertThatThrownBy(() -> bad.file().schema())
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("column 'id' is BIGINT in 'bad/p0.csv' but VARCHAR in 'bad/p1.csv'")
        .hasMessageContaining("SELECT * FROM \"bad/p1.csv\"");
  }

  @Test
  void globMatchesKeysRelativeToTheFolder(S3TestServer server) {
    try (S3ObjectStore own = CatalogTestBucket.store(server)) {
      BucketCatalog catalog = CatalogTestBucket.catalog(own, Duration.ofMinutes(5));
      CatalogTable logs = catalog.glob("logs/", "2025-*.csv");
      assertThat(((UnionDataFile) logs.file()).members().stream().map(m -> m.file().key()))
          .containsExactly("logs/2025-01.csv", "logs/2025-02.csv");
      assertThat(((UnionDataFile) catalog.glob("", "{ratings,logs}/**").file()).members())
          .hasSize(5);
      assertThatThrownBy(() -> catalog.glob("", "nothing/*.csv"))
          .hasMessageContaining("files('nothing/*.csv')")
          .hasMessageContaining("s3://catalog-layout/");
    }
  }

  static List<String> rows(CatalogTable table, ScanSpec spec) {
    List<String> rows = new ArrayList<>();
    try (RowCursor cursor = table.file().scan(spec)) {
      while (cursor.moveNext()) {
        rows.add(Arrays.toString(cursor.current()));
      }
    }
    return rows;
  }
}
