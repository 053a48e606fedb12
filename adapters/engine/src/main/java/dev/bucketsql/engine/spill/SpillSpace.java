package dev.bucketsql.engine.spill;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.SqlStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The spill files of one query: a directory of its own under {@link SpillSettings#directory()},
 * made when the first file is and removed when the last is deleted, and the bytes they hold on
 * disk, bounded by {@link SpillSettings#limit()}. Shared by the operators of the query through
 * their {@code ExecContext}; thread-safe, as a query's operators may close from another thread (a
 * cancel).
 */
public final class SpillSpace implements AutoCloseable {
  /** SQLSTATE 58030: an I/O error in a spill file. */
  public static final String IO_ERROR = "58030";

  private final SpillSettings settings;
  private Path directory;
  private int files;
  private int fileNumber;
  private long onDisk;
  private long peak;
  private long written;
  private long read;

  /** The spill space of a query with {@code settings}. */
  public SpillSpace(SpillSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** The settings. */
  public SpillSettings settings() {
    return settings;
  }

  /** Whether operators may spill. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * A new, empty spill file, for an operator whose memory {@code budget} names it in errors.
   *
   * @throws SqlStateException (58030) when the directory cannot be made
   */
  public synchronized SpillFile newFile(MemoryBudget budget) {
    if (!settings.enabled()) {
      throw new IllegalStateException("spilling is off");
    }
    try {
      if (directory == null) {
        Files.createDirectories(settings.directory());
        directory = Files.createTempDirectory(settings.directory(), "query-");
      }
      Path path = directory.resolve("spill-" + fileNumber++ + ".bin");
      files++;
      return new SpillFile(this, path, budget);
    } catch (IOException e) {
      throw ioError("cannot make a spill file under " + settings.directory(), e);
    }
  }

  /** The error for an I/O failure in a spill file: the file, the cause and the settings. */
  static SqlStateException ioError(String what, IOException e) {
    return new SqlStateException(
        IO_ERROR,
        what
            + ": "
            + e.getMessage()
            + "; point "
            + SpillSettings.SPILL_DIRECTORY
            + " at a writable local disk with free space, or set "
            + SpillSettings.SPILL
            + "=false",
        e);
  }

  /** Counts {@code bytes} more written to disk, failing when the query would pass its limit. */
  synchronized void charge(long bytes, MemoryBudget budget) {
    if (bytes > settings.limit() - onDisk) {
      throw MemoryLimitExceededException.spillExceeded(
          budget.heldBy(),
          budget.subject(),
          budget.limit(),
          settings.limit(),
          SpillSettings.SPILL_LIMIT);
    }
    onDisk += bytes;
    written += bytes;
    peak = Math.max(peak, onDisk);
  }

  synchronized void countRead(long bytes) {
    read += bytes;
  }

  /** A file of {@code bytes} was deleted; the directory goes with the last file. */
  synchronized void deleted(long bytes) {
    onDisk -= bytes;
    files--;
    if (files == 0) {
      removeDirectory();
    }
  }

  private void removeDirectory() {
    if (directory == null) {
      return;
    }
    try (DirectoryStream<Path> left = Files.newDirectoryStream(directory)) {
      for (Path p : left) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the spill directory " + directory, e);
    }
    directory = null;
  }

  /** The query's directory now, or null when it has no spill file. */
  public synchronized Path directory() {
    return directory;
  }

  /** Bytes its spill files hold on disk now. */
  public synchronized long bytesOnDisk() {
    return onDisk;
  }

  /** The most bytes its spill files held at once. */
  public synchronized long peakBytes() {
    return peak;
  }

  /** Bytes written to spill files so far. */
  public synchronized long bytesWritten() {
    return written;
  }

  /** Bytes read back from spill files so far. */
  public synchronized long bytesRead() {
    return read;
  }

  /** Removes the query's directory and whatever is left in it: the query ended. */
  @Override
  public synchronized void close() {
    files = 0;
    onDisk = 0;
    removeDirectory();
  }
}
