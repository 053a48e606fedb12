package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.join.HashJoin;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The hash tables the workers of one parallel pipeline share: each join's table is built by the
 * first worker that reaches it (the others wait for it) and closed with the pipeline.
 */
final class SharedBuilds implements AutoCloseable {
  private final Map<SharedJoin, Optional<HashJoin>> built = new HashMap<>();
  private boolean closed;

  /**
   * The join whose table probes of {@code join} share, built now from {@code run}'s whole tables if
   * no worker has built it yet; null when it cannot be shared (workers join on their own).
   */
  synchronized @Nullable HashJoin get(SharedJoin join, EngineRun run) {
    if (closed) {
      throw new IllegalStateException("the pipeline's shared tables are closed");
    }
    Optional<HashJoin> b = built.get(join);
    if (b == null) {
      b = Optional.ofNullable(join.build(run.whole()));
      built.put(join, b);
    }
    return b.orElse(null);
  }

  /** Closes every table built: after the workers that probe them have stopped. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Optional<HashJoin> b : built.values()) {
      b.ifPresent(HashJoin::close);
    }
    built.clear();
  }
}
