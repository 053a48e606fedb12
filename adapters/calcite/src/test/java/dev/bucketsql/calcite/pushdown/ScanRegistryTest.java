package dev.bucketsql.calcite.pushdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The registry keeps the reports of a query's first {@value ScanRegistry#LISTED} scans and counts
 * the rest: a nested-loop join that scans its inner input again for each outer row scanned 600,000
 * times, and keeping every report (each holds its scan) ran the heap out.
 */
class ScanRegistryTest {
  @Test
  void keepsTheFirstReportsOfAQueryAndCountsTheRest() {
    ScanRegistry registry = ScanRegistry.of(new Object());
    Object query = new Object();
    for (int i = 0; i < ScanRegistry.LISTED + 500; i++) {
      Supplier<ScanReport> report = () -> null;
      registry.record(query, report);
    }
    assertThat(registry.latestScans()).hasSize(ScanRegistry.LISTED);
    assertThat(registry.unlistedScans()).isEqualTo(500);

    registry.record(new Object(), () -> null);
    assertThat(registry.latestScans()).hasSize(1);
    assertThat(registry.unlistedScans()).isZero();

    registry.clear();
    assertThat(registry.latestScans()).isEmpty();
    assertThat(registry.unlistedScans()).isZero();
  }
}
