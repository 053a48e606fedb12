package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects under one bucket prefix as a schema: every object a {@link DataFileOpener}
 * recognises is a table named after its key relative to the prefix, without the extension
 * ({@code PP_recipes.csv} is {@code PP_recipes}).
 *
 * <p>The listing is taken once, on first use, and kept until {@link #refresh()}: Calcite asks
 * for the table map several times per statement.
 */
public final class BucketSchema extends AbstractSchema {
  private static final Logger LOG = LoggerFactory.getLogger(BucketSchema.class);

  private final ObjectStore store;
  private final String prefix;
  private final DataFileOpener opener;
  private volatile Map<String, Table> tables;

  /**
   * A schema over the objects of {@code store} whose keys start with {@code prefix}.
   *
   * @param prefix key prefix, empty or ending in {@code /}
   */
  public BucketSchema(ObjectStore store, String prefix, DataFileOpener opener) {
    this.store = requireNonNull(store, "store is null");
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.opener = requireNonNull(opener, "opener is null");
  }

  /** The store this schema reads; the connection closes it. */
  public ObjectStore store() {
    return store;
  }

  /** Every request and byte fetched through this schema's store. */
  public IoStats stats() {
    return store.stats();
  }

  /** Forgets the listing; the next statement lists the bucket again. */
  public void refresh() {
    tables = null;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> result = tables;
    if (result == null) {
      synchronized (this) {
        result = tables;
        if (result == null) {
          result = list();
          tables = result;
        }
      }
    }
    return result;
  }

  private Map<String, Table> list() {
    Map<String, Table> result = new LinkedHashMap<>();
    for (ObjectInfo object : store.list(prefix)) {
      Optional<DataFile> file = opener.open(store, object);
      if (file.isEmpty()) {
        continue;
      }
      String name = tableName(object.key());
      Table previous = result.putIfAbsent(name, new BucketTable(object, file.get()));
      if (previous != null) {
        LOG.warn(
            "objects '{}' and '{}' both map to table {}; keeping the first",
            ((BucketTable) previous).object().key(),
            object.key(),
            name);
      }
    }
    return result;
  }

  private String tableName(String key) {
    String relative = key.substring(prefix.length());
    int dot = relative.lastIndexOf('.');
    int slash = relative.lastIndexOf('/');
    return dot > slash + 1 ? relative.substring(0, dot) : relative;
  }
}
