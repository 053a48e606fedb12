package dev.bucketsql.storage.s3;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that send the version checks a query starts ahead of its reads ({@link
 * S3ObjectStore#checkAhead}): each waits on one HEAD, so they cost little CPU and exist only while
 * checks run. At most {@value #THREADS} at once for the JVM; a check arriving when all are busy is
 * refused, and the first read that needs it sends it itself, as it would have without this pool.
 */
final class VersionCheckPool {
  /** The most HEADs in flight for checks started ahead, across all queries of the JVM. */
  static final int THREADS = 8;

  /** Daemon threads, ended after a second idle. */
  static final Executor EXECUTOR = create();

  private VersionCheckPool() {}

  private static Executor create() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            THREADS,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "bucketsql-version-check-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    return pool;
  }
}
