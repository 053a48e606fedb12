package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RangeCache} on its own: pieces found by overlap, never two overlapping pieces of one
 * version, versions kept apart, the least recently used dropped first, and caches sharing a budget
 * holding together at most the largest capacity among them.
 */
class RangeCacheTest {
  @Test
  void piecesAreFoundByOverlapAndVersionsAreKeptApart() {
    RangeCache cache = new RangeCache(10_000, new RangeCache.Budget());
    cache.put("k", "e1", 100, new byte[100]);
    cache.put("k", "e1", 300, new byte[50]);
    cache.put("k", "e2", 0, new byte[1000]);
    assertThat(starts(cache.overlapping("k", "e1", 0, 1000))).containsExactly(100L, 300L);
    assertThat(starts(cache.overlapping("k", "e1", 150, 320))).containsExactly(100L, 300L);
    assertThat(starts(cache.overlapping("k", "e1", 200, 300))).isEmpty();
    assertThat(starts(cache.overlapping("k", "e1", 349, 350))).containsExactly(300L);
    assertThat(starts(cache.overlapping("other", "e1", 0, 1000))).isEmpty();
    // A piece overlapping one held (another reader fetched the same gap) is not kept.
    cache.put("k", "e1", 150, new byte[10]);
    cache.put("k", "e1", 250, new byte[60]);
    assertThat(starts(cache.overlapping("k", "e1", 0, 1000))).containsExactly(100L, 300L);
    assertThat(cache.bytes()).isEqualTo(1150);
    cache.drop("k");
    assertThat(cache.bytes()).isZero();
    assertThat(cache.overlapping("k", "e2", 0, 1000)).isEmpty();
  }

  @Test
  void theLeastRecentlyUsedPieceGoesFirst() {
    RangeCache cache = new RangeCache(300, new RangeCache.Budget());
    cache.put("k", "e", 0, new byte[100]);
    cache.put("k", "e", 100, new byte[100]);
    cache.put("k", "e", 200, new byte[100]);
    cache.overlapping("k", "e", 0, 1); // piece 0 used: piece 100 is now the oldest
    cache.put("k", "e", 300, new byte[100]);
    assertThat(starts(cache.overlapping("k", "e", 0, 400))).containsExactly(0L, 200L, 300L);
    cache.put("k", "e", 1000, new byte[301]); // larger than the whole cache: not kept
    assertThat(cache.bytes()).isEqualTo(300);
  }

  @Test
  void cachesOnOneBudgetHoldTogetherAtMostTheLargestCapacity() {
    RangeCache.Budget budget = new RangeCache.Budget();
    RangeCache one = new RangeCache(500, budget);
    RangeCache two = new RangeCache(300, budget);
    assertThat(budget.bound()).isEqualTo(500);
    for (int i = 0; i < 10; i++) {
      one.put("a", "e", i * 100L, new byte[100]);
      two.put("b", "e", i * 100L, new byte[100]);
      assertThat(one.bytes()).isLessThanOrEqualTo(500);
      assertThat(two.bytes()).isLessThanOrEqualTo(300);
      assertThat(budget.held()).isEqualTo(one.bytes() + two.bytes()).isLessThanOrEqualTo(500);
    }
    // The second cache made room by dropping its own oldest pieces: it holds its latest.
    assertThat(starts(two.overlapping("b", "e", 0, 1000))).contains(900L);
    one.clear();
    assertThat(budget.held()).isEqualTo(two.bytes());
    two.clear();
    assertThat(budget.held()).isZero();
  }

  private static List<Long> starts(List<RangeCache.Piece> pieces) {
    return pieces.stream().map(RangeCache.Piece::start).toList();
  }
}
