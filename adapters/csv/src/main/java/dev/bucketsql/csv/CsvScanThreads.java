package dev.bucketsql.csv;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads parallel scans run on, shared by every scan of the JVM: an I/O pool that waits on
 * ranged GETs (its size follows the splits in flight, which each scan bounds) and a parsing pool
 * with one thread per core. Daemon threads, so they never keep a JVM alive.
 */
final class CsvScanThreads {
  private static final ExecutorService IO = Executors.newCachedThreadPool(factory("csv-fetch"));
  private static final ExecutorService CPU =
      Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(), factory("csv-parse"));

  private CsvScanThreads() {}

  /** Cores this JVM may use. */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static ExecutorService io() {
    return IO;
  }

  static ExecutorService cpu() {
    return CPU;
  }

  private static ThreadFactory factory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "bucketsql-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
