package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectNotFoundException;
import dev.bucketsql.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket (or the prefix of the URL) as a catalog of schemas and tables, listed lazily and kept
 * for {@link CatalogOptions#listingTtl()}: Calcite looks tables up several times per statement, and
 * a BI tool syncs schemas, tables and columns one request after another, so a listing is reused
 * until it expires or {@link #refresh()} is called. Listing costs one LIST request per 1,000
 * objects and nothing else: schemas are inferred only when a table's columns are asked for, and
 * then cached per object version in {@link SchemaCache}.
 *
 * <p>Thread-safe.
 */
public final class BucketCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(BucketCatalog.class);

  private final ObjectStore store;
  private final String prefix;
  private final BiFunction<ObjectStore, ObjectInfo, Optional<DataFile>> opener;
  private final CatalogOptions options;
  private final SchemaCache schemaCache;
  private final TableFactory tableFactory;
  private volatile Listed listed;

  /**
   * @param store the store, rooted at the bucket or the URL's prefix
   * @param prefix a further key prefix, empty or ending in {@code /}
   * @param opener the data file for an object, or empty when no format recognises it; must not
   *     fetch anything
   * @param tableFactory makes SQL tables over data files
   */
  public BucketCatalog(
      ObjectStore store,
      String prefix,
      BiFunction<ObjectStore, ObjectInfo, Optional<DataFile>> opener,
      CatalogOptions options,
      SchemaCache schemaCache,
      TableFactory tableFactory) {
    this.store = requireNonNull(store, "store is null");
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.opener = requireNonNull(opener, "opener is null");
    this.options = requireNonNull(options, "options is null");
    this.schemaCache = requireNonNull(schemaCache, "schemaCache is null");
    this.tableFactory = requireNonNull(tableFactory, "tableFactory is null");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must be empty or end in '/': '" + prefix + "'");
    }
  }

  /** The store the catalog lists and reads. */
  public ObjectStore store() {
    return store;
  }

  /** The options the catalog was made with. */
  public CatalogOptions options() {
    return options;
  }

  /** Makes SQL tables over data files. */
  public TableFactory tableFactory() {
    return tableFactory;
  }

  /**
   * The current listing, listing the store when there is none or it is older than the TTL. An
   * object the store found changed under a reader since ({@link ObjectStore#changes()}) is looked
   * up again with one HEAD, so a rerun after "changed, rerun the query" reads the new version.
   */
  public CatalogSnapshot snapshot() {
    Listed l = listed;
    if (l == null || expired(l) || l.changesSeen != store.changes().count()) {
      synchronized (this) {
        l = listed;
        long seen = store.changes().count();
        if (l == null || expired(l)) {
          l = listFresh(seen);
        } else if (l.changesSeen != seen) {
          Set<String> keys = store.changes().since(l.changesSeen);
          l = keys == null ? listFresh(seen) : lookUpAgain(l, keys, seen);
        }
        listed = l;
      }
    }
    return l.snapshot;
  }

  private boolean expired(Listed l) {
    return System.nanoTime() - l.listedAtNanos >= options.listingTtl().toNanos();
  }

  private Listed listFresh(long changesSeen) {
    List<ObjectInfo> objects = store.list(prefix);
    return new Listed(build(objects), objects, System.nanoTime(), changesSeen);
  }

  /** The listing with the entries of {@code keys} replaced by a fresh HEAD (or dropped). */
  private Listed lookUpAgain(Listed l, Set<String> keys, long changesSeen) {
    Map<String, ObjectInfo> byKey = new TreeMap<>();
    l.objects.forEach(o -> byKey.put(o.key(), o));
    for (String key : keys) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      try {
        byKey.put(key, store.head(key));
      } catch (ObjectNotFoundException e) {
        byKey.remove(key);
      }
      LOG.debug("looked up {} in {} again after it changed under a reader", key, store.location());
    }
    List<ObjectInfo> objects = List.copyOf(byKey.values());
    return new Listed(build(objects), objects, l.listedAtNanos, changesSeen);
  }

  private CatalogSnapshot build(List<ObjectInfo> objects) {
    CatalogSnapshot snapshot =
        new CatalogBuilder(
                prefix,
                object ->
                    opener
                        .apply(store, object)
                        .map(
                            file ->
                                new CatalogFile(
                                    store.location(),
                                    object,
                                    file,
                                    options.readerScope(),
                                    schemaCache)))
            .build(objects);
    LOG.debug(
        "listed {} objects under {}{}: {} schemas",
        objects.size(),
        store.location(),
        prefix,
        snapshot.schemas().size());
    return snapshot;
  }

  /** Forgets the listing: the next lookup lists the store again. Cached schemas stay valid. */
  public void refresh() {
    listed = null;
  }

  /**
   * The data objects whose key, relative to {@code folder}, matches {@code glob}, as one table.
   *
   * @throws IllegalArgumentException when no data object matches, naming the glob and the folder
   */
  public CatalogTable glob(String folder, String glob) {
    requireNonNull(glob, "glob is null");
    KeyGlob pattern = KeyGlob.compile(glob);
    List<UnionDataFile.Member> members = new ArrayList<>();
    for (Map.Entry<String, CatalogFile> e : snapshot().files().entrySet()) {
      if (e.getKey().startsWith(folder) && pattern.matches(e.getKey().substring(folder.length()))) {
        members.add(new UnionDataFile.Member(e.getValue(), List.of()));
      }
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException(
          "no CSV or Parquet object matches files('"
              + glob
              + "') under "
              + store.location()
              + prefix
              + folder
              + "; the glob matches keys relative to the schema's folder ('*' within a folder,"
              + " '**' across folders)");
    }
    UnionDataFile union = new UnionDataFile(prefix + folder + glob, members, List.of());
    return new CatalogTable(glob, union.folderObject(), union, List.of());
  }

  /**
   * The table a DuckDB file reference names ({@code 's3://bucket/key.csv'}, {@code
   * read_parquet('dir/*.parquet')}, ...; see {@link FileReference}), or null when {@code text} is
   * not one.
   *
   * @throws dev.bucketsql.format.SqlStateException when it names another bucket or no object
   *     (42P01), or a bad option (22023)
   */
  public CatalogTable reference(String text) {
    requireNonNull(text, "text is null");
    Optional<FileReference> reference = FileReference.parse(text);
    if (reference.isEmpty()) {
      return null;
    }
    CatalogSnapshot snapshot = snapshot();
    return snapshot.reference(text, t -> new FileTables(this, snapshot).table(t, reference.get()));
  }

  private record Listed(
      CatalogSnapshot snapshot, List<ObjectInfo> objects, long listedAtNanos, long changesSeen) {}
}
