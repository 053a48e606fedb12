package dev.bucketsql.jdbc.meta;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of one {@code getColumns} call, read lazily as the caller fetches them: only columns
 * whose name matches the JDBC column pattern, and, beside the rows, the tables left out because
 * their columns could not be listed. The driver turns those into the result set's warnings.
 */
public final class CrawlProblems implements Iterable<Object> {
  /** The crawl whose rows are being read on this thread, for {@link BucketMeta#columns}. */
  private static final ThreadLocal<CrawlProblems> CURRENT = new ThreadLocal<>();

  private final Iterable<Object> rows;
  private final Predicate<String> columnNames;
  private final List<String> problems = new CopyOnWriteArrayList<>();

  CrawlProblems(Iterable<Object> rows, Predicate<String> columnNames) {
    this.rows = requireNonNull(rows, "rows is null");
    this.columnNames = requireNonNull(columnNames, "columnNames is null");
  }

  /** The crawl being read on this thread, or null. */
  static @Nullable CrawlProblems current() {
    return CURRENT.get();
  }

  /** What was left out so far, one sentence per table, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  void add(String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }

  @Override
  public Iterator<Object> iterator() {
    Iterator<Object> it = within(rows::iterator);
    return new Iterator<>() {
      private @Nullable Object next;
      private boolean ready;

      @Override
      public boolean hasNext() {
        while (!ready) {
          if (!within(it::hasNext)) {
            return false;
          }
          Object row = within(it::next);
          if (!(row instanceof MetaColumn c) || columnNames.test(c.columnName)) {
            next = row;
            ready = true;
          }
        }
        return true;
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        Object row = next;
        next = null;
        return row;
      }
    };
  }

  /** Runs {@code step} (which may list a table's columns) with this crawl as the current one. */
  private <T> T within(Supplier<T> step) {
    CrawlProblems outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return step.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
