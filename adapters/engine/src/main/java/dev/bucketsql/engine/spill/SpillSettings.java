package dev.bucketsql.engine.spill;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether and where the operators of a query may spill to local disk, and how much.
 *
 * @param enabled false ({@code spill=false}) makes an operator over its memory limit fail at once
 * @param directory where each query makes its own directory of spill files ({@code spillDirectory};
 *     default {@link #defaultDirectory()})
 * @param limit the most bytes the spill files of one query may hold on disk at once ({@code
 *     spillLimit}; default {@link #defaultLimit(Path)})
 */
public record SpillSettings(boolean enabled, Path directory, long limit) {
  /** The setting that turns spilling on or off. */
  public static final String SPILL = "spill";

  /** The setting naming the directory spill files go under. */
  public static final String SPILL_DIRECTORY = "spillDirectory";

  /** The setting bounding the bytes a query may spill. */
  public static final String SPILL_LIMIT = "spillLimit";

  /** The most {@link #defaultLimit(Path)} gives: 100 GiB. */
  public static final long DEFAULT_LIMIT_CAP = 100L << 30;

  /** Checks the arguments. */
  public SpillSettings {
    requireNonNull(directory, "directory is null");
    if (limit < 0) {
      throw new IllegalArgumentException("a spill limit is not negative: " + limit);
    }
  }

  /** No spilling: an operator over its memory limit fails. */
  public static SpillSettings disabled() {
    return new SpillSettings(false, defaultDirectory(), 0);
  }

  /** Spilling on, under the default directory with the default limit. */
  public static SpillSettings defaults() {
    Path dir = defaultDirectory();
    return new SpillSettings(true, dir, defaultLimit(dir));
  }

  /** {@code java.io.tmpdir}/bucketsql-spill. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "bucketsql-spill");
  }

  /**
   * A tenth of the space free on the disk of {@code directory} (of its nearest existing parent)
   * when asked, at most {@link #DEFAULT_LIMIT_CAP}: a query may use disk, but never fill it.
   */
  public static long defaultLimit(Path directory) {
    Path p = directory.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    try {
      long free = p == null ? 0 : Files.getFileStore(p).getUsableSpace();
      return Math.min(DEFAULT_LIMIT_CAP, free / 10);
    } catch (IOException e) {
      return 0;
    }
  }
}
