package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.catalog.BucketCatalog;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The prepared plans of one connection by statement text: a dashboard's repeated query skips
 * parsing, validation, optimization and code generation (20 to 140 ms each time otherwise) and runs
 * the compiled plan again.
 *
 * <p>A plan is kept with the bucket listing it was planned against, and reused only while the
 * catalog still holds that listing: a refreshed listing ({@link BucketSchema#refresh()}, or a new
 * listing after the TTL) drops it, and so does a changed object (new ETag), which only a new
 * listing can reveal. Only queries are kept, never statements with effects; at most {@value
 * #MAX_ENTRIES} per connection, least recently used first out.
 */
public final class PlanCache {
  /** Plans kept per connection. */
  public static final int MAX_ENTRIES = 256;

  private static final Map<CalciteSchema, PlanCache> CACHES = new WeakHashMap<>();

  private final Map<Key, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private long plans;
  private long hits;
  private long invalidations;
  private long planningNanos;

  private PlanCache() {}

  /** The cache of the connection whose root schema is {@code root}, made on first use. */
  static PlanCache of(CalciteSchema root) {
    requireNonNull(root, "root is null");
    synchronized (CACHES) {
      return CACHES.computeIfAbsent(root, r -> new PlanCache());
    }
  }

  /**
   * The cache of {@code connection}, a BucketSQL (or Calcite) connection.
   *
   * @throws SQLException if it is not a Calcite connection
   */
  public static PlanCache of(Connection connection) throws SQLException {
    return of(root(connection));
  }

  /**
   * Drops the cache of {@code connection} with its plans; the driver calls it when the connection
   * closes, so no plan (nor the generated classes it holds) outlives the connection.
   *
   * @throws SQLException if it is not a Calcite connection
   */
  public static void forget(Connection connection) throws SQLException {
    CalciteSchema root = root(connection);
    synchronized (CACHES) {
      CACHES.remove(root);
    }
  }

  /**
   * Whether a cache is held for {@code connection} (for tests and diagnostics; creates none).
   *
   * @throws SQLException if it is not a Calcite connection
   */
  public static boolean holds(Connection connection) throws SQLException {
    CalciteSchema root = root(connection);
    synchronized (CACHES) {
      return CACHES.containsKey(root);
    }
  }

  private static CalciteSchema root(Connection connection) throws SQLException {
    requireNonNull(connection, "connection is null");
    return CalciteSchema.from(connection.unwrap(CalciteConnection.class).getRootSchema());
  }

  /** What the cache has done so far. */
  public synchronized Stats stats() {
    return new Stats(plans, hits, invalidations, entries.size(), planningNanos);
  }

  /** Forgets every plan. */
  public synchronized void clear() {
    entries.clear();
  }

  synchronized <T> CalcitePrepare.@Nullable CalciteSignature<T> get(
      Key key, @Nullable Object listing) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (listing == null || e.listing != listing) {
      entries.remove(key);
      invalidations++;
      return null;
    }
    hits++;
    @SuppressWarnings("unchecked")
    CalcitePrepare.CalciteSignature<T> signature = (CalcitePrepare.CalciteSignature<T>) e.signature;
    return signature;
  }

  synchronized void planned(
      Key key, @Nullable Object listing, CalcitePrepare.CalciteSignature<?> signature, long nanos) {
    plans++;
    planningNanos += nanos;
    if (listing != null && signature.statementType == Meta.StatementType.SELECT) {
      entries.put(key, new Entry(signature, listing));
    }
  }

  /**
   * The listing a plan made now is planned against: the current snapshot of the bucket catalog
   * behind the connection's default schema, or null when there is none (nothing is kept then).
   */
  static @Nullable Object listing(CalcitePrepare.Context context) {
    List<String> path = context.getDefaultSchemaPath();
    CalciteSchema schema = context.getMutableRootSchema();
    for (String name : path) {
      schema = schema == null ? null : schema.getSubSchema(name, false);
    }
    if (schema == null || !(schema.schema instanceof BucketSchema bucket)) {
      return null;
    }
    BucketCatalog catalog = bucket.catalog();
    return catalog.snapshot();
  }

  /** What identifies a prepared statement on a connection. */
  record Key(String sql, List<String> schemaPath, Type elementType, long maxRowCount) {}

  private record Entry(CalcitePrepare.CalciteSignature<?> signature, Object listing) {}

  /**
   * Counters of one connection's plan cache.
   *
   * @param plans statements planned (cache misses)
   * @param hits statements that reused a kept plan
   * @param invalidations kept plans dropped because the listing changed
   * @param size plans kept now
   * @param planningNanos time spent planning, all plans together
   */
  public record Stats(long plans, long hits, long invalidations, int size, long planningNanos) {}
}
