package dev.bucketsql.calcite.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A predicate on partition columns drops whole files before any request: the requests of a pruned
 * scan are exactly those of scanning the kept files alone.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogPartitionPruningTest {
  private static final int[] USER_AND_YEAR = {0, 2};
  private static S3ObjectStore store;
  private static UnionDataFile interactions;

  @BeforeAll
  static void list(S3TestServer server) {
    CatalogTestBucket.ensure(server);
    store = CatalogTestBucket.store(server);
    CatalogSnapshot snapshot = CatalogTestBucket.catalog(store, Duration.ofMinutes(5)).snapshot();
    interactions = (UnionDataFile) snapshot.schemas().get("").tables().get("interactions").file();
    // Schemas and footers are read once; the scans below then cost only data requests.
    scan(ScanPredicate.all());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static Scan scan(ScanPredicate predicate) {
    IoStats stats = new IoStats();
    CatalogTable table =
        new CatalogTable("t", interactions.folderObject(), interactions, List.of());
    List<String> rows =
        CatalogLayoutTest.rows(table, new ScanSpec(USER_AND_YEAR, stats, predicate));
    return new Scan(rows, stats.snapshot());
  }

  private static long getsOfFile(int member) {
    IoStats stats = new IoStats();
    UnionDataFile.Member m = interactions.members().get(member);
    try (var cursor = m.file().scan(new ScanSpec(new int[] {0}, stats))) {
      while (cursor.moveNext()) {
        // read it all
      }
    }
    return stats.getRequests();
  }

  @Test
  void equalityOnYearReadsOnlyThatYearsFiles() {
    Scan pruned = scan(ScanPredicate.of(2, Domain.singleValue(ColumnType.BIGINT, 2018L)));
    assertThat(pruned.rows()).containsExactly("[1, 2018]", "[2, 2018]", "[3, 2018]");
    assertThat(pruned.io().getRequests()).isPositive().isEqualTo(getsOfFile(0) + getsOfFile(1));
    assertThat(pruned.io().headRequests()).isZero();
    Scan all = scan(ScanPredicate.all());
    assertThat(all.io().getRequests()).isEqualTo(getsOfFile(0) + getsOfFile(1) + getsOfFile(2));
  }

  @Test
  void conjunctionOnBothPartitionColumnsKeepsOneFile() {
    Scan pruned =
        scan(
            ScanPredicate.of(
                Map.of(
                    2, Domain.range(ColumnType.BIGINT, new Range(2019L, true, null, false)),
                    3, Domain.singleValue(ColumnType.BIGINT, 1L))));
    assertThat(pruned.rows()).containsExactly("[4, 2019]", "[5, 2019]", "[6, 2019]");
    assertThat(pruned.io().getRequests()).isEqualTo(getsOfFile(2));
  }

  @Test
  void noMatchingPartitionMakesNoRequestAtAll() {
    Scan none = scan(ScanPredicate.of(2, Domain.singleValue(ColumnType.BIGINT, 2020L)));
    assertThat(none.rows()).isEmpty();
    assertThat(none.io().requests()).isZero();
  }

  private record Scan(List<String> rows, IoStats.Snapshot io) {}
}
