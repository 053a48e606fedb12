package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When a scan fetches, what its cursor hands out, and what it refuses. */
@ExtendWith(CsvS3.class)
class CsvScanLifecycleTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore("lifecycle");
  private final ObjectInfo info = store.put("a.csv", "a,b\n1,2\n3,4\n".getBytes(UTF_8));
  private final CsvDataFile file = new CsvDataFile(store, info, CsvOptions.defaults());

  @Test
  void nothingIsFetchedBeforeTheFirstMoveNext() {
    file.schema();
    IoStats stats = new IoStats();
    try (RowCursor c = file.scan(ScanSpec.allColumns(file.schema(), stats))) {
      assertThat(stats.getRequests()).isZero();
      assertThat(c.moveNext()).isTrue();
      assertThat(stats.getRequests()).isEqualTo(1);
    }
  }

  @Test
  void theSchemaIsReadOnce() {
    IoStats.Snapshot before = store.stats().snapshot();
    file.schema();
    file.schema();
    file.dialect();
    assertThat(store.stats().snapshot().minus(before).getRequests()).isEqualTo(1);
  }

  @Test
  void rowsAreNotReusedAndTheCursorStaysClosedAtTheEnd() {
    try (RowCursor c = file.scan(ScanSpec.allColumns(file.schema(), new IoStats()))) {
      assertThat(c.moveNext()).isTrue();
      Object[] first = c.current();
      assertThat(c.moveNext()).isTrue();
      assertThat(c.current()).isNotSameAs(first).containsExactly(3L, 4L);
      assertThat(first).containsExactly(1L, 2L);
      assertThat(c.moveNext()).isFalse();
      assertThat(c.moveNext()).isFalse();
    }
  }

  @Test
  void aProjectionOutsideTheSchemaIsRefused() {
    assertThatThrownBy(() -> file.scan(new ScanSpec(new int[] {2}, new IoStats())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a.csv'");
  }

  @Test
  void currentBeforeMoveNextIsAnError() {
    try (RowCursor c = file.scan(ScanSpec.allColumns(file.schema(), new IoStats()))) {
      assertThatThrownBy(c::current).isInstanceOf(IllegalStateException.class);
    }
  }
}
