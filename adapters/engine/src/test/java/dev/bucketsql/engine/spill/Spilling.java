package dev.bucketsql.engine.spill;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.memory.MemoryLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Contexts that spill under a test's temporary directory, and what is left there. */
public final class Spilling {
  private Spilling() {}

  /**
   * A context of {@code memory} bytes per operator that spills up to {@code spillLimit} under
   * {@code dir}.
   */
  public static ExecContext context(
      Path dir, long memory, long spillLimit, int batchSize, BooleanSupplier cancelled) {
    return new ExecContext(
        new MemoryLimit(memory, MemoryLimit.QUERY_MEMORY),
        batchSize,
        cancelled,
        new SpillSpace(new SpillSettings(true, dir, spillLimit)));
  }

  /** As above with a 1 GiB spill limit and no cancellation. */
  public static ExecContext context(Path dir, long memory, int batchSize) {
    return context(dir, memory, 1L << 30, batchSize, () -> false);
  }

  /** Every file and directory under {@code dir}, the directory itself excluded. */
  public static List<Path> leftUnder(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
