package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvReject;
import dev.bucketsql.csv.CsvRejectLog;
import dev.bucketsql.jdbc.meta.CrawlProblems;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.BucketSqlJdbcFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The warnings of an execution on a BucketSQL connection: the CSV rows its scans skipped or read as
 * NULL ({@code csv.skipMalformed}, {@code csv.lenient}), taken from the connection's {@link
 * CsvRejectLog} between the start of the execution and the close of its result set; and for {@code
 * getColumns}, the tables whose columns could not be listed.
 *
 * <p>The log is the connection's, so rejects of two statements running at once on one connection
 * show on both. The counts are exact; the rejects listed are those the log still keeps (its most
 * recent {@value CsvRejectLog#DEFAULT_CAPACITY}).
 */
final class RejectWarnings implements BucketSqlJdbcFactory.Warnings {
  /** The one instance; connections register their logs. */
  static final RejectWarnings INSTANCE = new RejectWarnings();

  /** Rejects listed one by one after the summary. */
  static final int LISTED = 10;

  /** SQLSTATE class 01, warning. */
  private static final String WARNING = "01000";

  private static final Map<AvaticaConnection, CsvRejectLog> LOGS = new WeakHashMap<>();

  private RejectWarnings() {}

  static void register(AvaticaConnection connection, CsvRejectLog log) {
    synchronized (LOGS) {
      LOGS.put(
          requireNonNull(connection, "connection is null"), requireNonNull(log, "log is null"));
    }
  }

  static void forget(AvaticaConnection connection) {
    synchronized (LOGS) {
      LOGS.remove(connection);
    }
  }

  /** Whether {@code connection}'s log is still held (it is not after close). */
  static boolean holds(AvaticaConnection connection) {
    synchronized (LOGS) {
      return LOGS.containsKey(connection);
    }
  }

  @Override
  public BucketSqlJdbcFactory.Window begin(
      AvaticaStatement statement, Meta.@Nullable Frame firstFrame) {
    if (firstFrame != null && firstFrame.rows instanceof CrawlProblems problems) {
      return new CrawlWindow(problems);
    }
    CsvRejectLog log;
    synchronized (LOGS) {
      log = LOGS.get(statement.connection);
    }
    return log == null ? NoWarnings.INSTANCE : new RejectWindow(log);
  }

  /** Nothing to warn about (not a BucketSQL connection, or already closed). */
  private enum NoWarnings implements BucketSqlJdbcFactory.Window {
    INSTANCE;

    @Override
    public @Nullable SQLWarning warnings() {
      return null;
    }

    @Override
    public void clear() {}

    @Override
    public void end() {}
  }

  /** Rejects logged between the start (or the last clear) and the end. */
  private static final class RejectWindow implements BucketSqlJdbcFactory.Window {
    private final CsvRejectLog log;
    private long fromSkipped;
    private long fromNulled;
    private long toSkipped = -1;
    private long toNulled = -1;

    RejectWindow(CsvRejectLog log) {
      this.log = log;
      this.fromSkipped = log.skipped();
      this.fromNulled = log.nulled();
    }

    @Override
    public synchronized @Nullable SQLWarning warnings() {
      // The rejects kept are the log's last ones; positions count every reject ever logged.
      List<CsvReject> recent = log.recent();
      long now = log.skipped() + log.nulled();
      long endSkipped = toSkipped >= 0 ? toSkipped : log.skipped();
      long endNulled = toNulled >= 0 ? toNulled : log.nulled();
      long skipped = endSkipped - fromSkipped;
      long nulled = endNulled - fromNulled;
      if (skipped + nulled <= 0) {
        return null;
      }
      long from = fromSkipped + fromNulled;
      long to = endSkipped + endNulled;
      long firstKept = now - recent.size();
      List<CsvReject> mine = new ArrayList<>();
      for (long p = Math.max(from, firstKept); p < to && p - firstKept < recent.size(); p++) {
        mine.add(recent.get((int) (p - firstKept)));
      }
      return chain(skipped, nulled, mine);
    }

    @Override
    public synchronized void clear() {
      fromSkipped = toSkipped >= 0 ? toSkipped : log.skipped();
      fromNulled = toNulled >= 0 ? toNulled : log.nulled();
    }

    @Override
    public synchronized void end() {
      if (toSkipped < 0) {
        toSkipped = log.skipped();
        toNulled = log.nulled();
      }
    }
  }

  static SQLWarning chain(long skipped, long nulled, List<CsvReject> rejects) {
    Set<String> keys = new LinkedHashSet<>();
    for (CsvReject r : rejects) {
      keys.add("'" + r.key() + "'");
    }
    StringBuilder s = new StringBuilder("CSV input stepped over by this query: ");
    if (skipped > 0) {
      s.append(skipped)
          .append(skipped == 1 ? " malformed record skipped" : " malformed records skipped");
    }
    if (nulled > 0) {
      s.append(skipped > 0 ? ", " : "")
          .append(nulled)
          .append(nulled == 1 ? " value read as NULL" : " values read as NULL");
    }
    if (!keys.isEmpty()) {
      s.append(" in ").append(String.join(", ", keys));
    }
    int listed = Math.min(LISTED, rejects.size());
    if (listed > 0) {
      s.append("; the first ").append(listed).append(" follow");
    }
    s.append("; all are in SELECT * FROM bucketsql.csv_rejects (the connection's latest ")
        .append(CsvRejectLog.DEFAULT_CAPACITY)
        .append(')');
    SQLWarning head =
        new SQLWarning(s.toString(), WARNING, (int) Math.min(Integer.MAX_VALUE, skipped + nulled));
    for (int i = 0; i < listed; i++) {
      head.setNextWarning(new SQLWarning(rejects.get(i).toString(), WARNING));
    }
    return head;
  }

  /** Tables a getColumns call left out, as they are found while its rows are read. */
  private static final class CrawlWindow implements BucketSqlJdbcFactory.Window {
    private final CrawlProblems problems;
    private int cleared;

    CrawlWindow(CrawlProblems problems) {
      this.problems = problems;
    }

    @Override
    public synchronized @Nullable SQLWarning warnings() {
      List<String> all = problems.problems();
      SQLWarning head = null;
      for (int i = cleared; i < all.size(); i++) {
        SQLWarning w = new SQLWarning(all.get(i), WARNING);
        if (head == null) {
          head = w;
        } else {
          head.setNextWarning(w);
        }
      }
      return head;
    }

    @Override
    public synchronized void clear() {
      cleared = problems.problems().size();
    }

    @Override
    public void end() {}
  }
}
