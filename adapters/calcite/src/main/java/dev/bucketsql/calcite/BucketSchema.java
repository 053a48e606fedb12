package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.bucketsql.calcite.catalog.BucketCatalog;
import dev.bucketsql.calcite.catalog.CatalogOptions;
import dev.bucketsql.calcite.catalog.CatalogSchema;
import dev.bucketsql.calcite.catalog.CatalogSnapshot;
import dev.bucketsql.calcite.catalog.CatalogTable;
import dev.bucketsql.calcite.catalog.FileReference;
import dev.bucketsql.calcite.catalog.FilesTableMacro;
import dev.bucketsql.calcite.catalog.NamePatterns;
import dev.bucketsql.calcite.catalog.SchemaCache;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectStore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One schema of a {@link BucketCatalog}: the URL root (bucket or prefix), or a folder that is not a
 * table. Its tables are those the catalog lists for it (see docs/catalog.md); any data object is
 * also reachable by its exact key, relative to the schema's folder, as a quoted name ({@code SELECT
 * * FROM "PP_recipes.csv"}) without being listed twice. The table function {@code files(glob)}
 * reads the objects whose keys match a glob as one table.
 *
 * <p>A schema is a view: the catalog holds the listing, lists lazily and keeps it for the listing
 * TTL, so lookups (several per statement) cost nothing.
 */
public final class BucketSchema extends AbstractSchema {
  private final BucketCatalog catalog;
  private final String name;

  /**
   * The objects of {@code store} under {@code prefix} as a schema, listed with the default TTL.
   *
   * @param prefix key prefix, empty or ending in {@code /}
   */
  public BucketSchema(ObjectStore store, String prefix, DataFileOpener opener) {
    this(catalog(store, prefix, opener, CatalogOptions.defaults()), "");
  }

  /**
   * The schema named {@code name} of {@code catalog}: empty for the URL root, else a folder path
   * without its last slash.
   */
  public BucketSchema(BucketCatalog catalog, String name) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.name = requireNonNull(name, "name is null");
  }

  /**
   * A catalog over {@code store} whose tables are {@link BucketTable}s, with schemas cached in the
   * JVM-wide {@link SchemaCache#SHARED}.
   */
  public static BucketCatalog catalog(
      ObjectStore store, String prefix, DataFileOpener opener, CatalogOptions options) {
    requireNonNull(opener, "opener is null");
    return new BucketCatalog(
        store, prefix, opener::open, options, SchemaCache.SHARED, BucketTable::new);
  }

  /**
   * A root schema whose sub-schemas are the catalog's: the URL root under {@code rootName} (the
   * bucket name), and every folder schema under its path. Sub-schemas follow the listing, so a
   * refresh shows new folders.
   */
  public static Schema root(String rootName, BucketCatalog catalog) {
    return new Root(
        requireNonNull(rootName, "rootName is null"), requireNonNull(catalog, "catalog is null"));
  }

  /** The catalog this schema is a view of. */
  public BucketCatalog catalog() {
    return catalog;
  }

  /** The store this schema reads; the connection closes it. */
  public ObjectStore store() {
    return catalog.store();
  }

  /** Every request and byte fetched through this schema's store. */
  public IoStats stats() {
    return catalog.store().stats();
  }

  /** Forgets the listing; the next statement lists the bucket again. */
  public void refresh() {
    catalog.refresh();
  }

  private @Nullable CatalogSchema current() {
    return catalog.snapshot().schema(name, true);
  }

  @Override
  public Lookup<Table> tables() {
    return new TableLookup();
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> result = new LinkedHashMap<>();
    CatalogSchema schema = current();
    if (schema != null) {
      schema.tables().forEach((n, t) -> result.put(n, t.table(catalog.tableFactory())));
    }
    return result;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    CatalogSchema schema = current();
    String folder = schema == null ? "" : schema.folder();
    return ImmutableMultimap.of(FilesTableMacro.NAME, new FilesTableMacro(catalog, folder));
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }

  /** Listed tables by name; any data object by its exact key relative to the folder. */
  private final class TableLookup implements Lookup<Table> {
    @Override
    public @Nullable Table get(String tableName) {
      CatalogTable t = find(tableName, true);
      return t == null ? null : t.table(catalog.tableFactory());
    }

    @Override
    public @Nullable Named<Table> getIgnoreCase(String tableName) {
      CatalogTable t = find(tableName, false);
      return t == null ? null : new Named<>(nameOf(t, tableName), t.table(catalog.tableFactory()));
    }

    private @Nullable CatalogTable find(String tableName, boolean caseSensitive) {
      CatalogSnapshot snapshot = catalog.snapshot();
      CatalogSchema schema = snapshot.schema(name, true);
      if (schema == null) {
        return null;
      }
      CatalogTable t = schema.table(tableName, caseSensitive);
      if (t == null) {
        t = snapshot.keyTable(schema.folder() + tableName, caseSensitive);
      }
      // DuckDB's FROM 's3://bucket/key' and read_csv(...), as the statement pass names them
      return t != null || !FileReference.looksLikeOne(tableName) ? t : catalog.reference(tableName);
    }

    private String nameOf(CatalogTable t, String asked) {
      CatalogSchema schema = current();
      if (schema != null && schema.tables().get(t.name()) == t) {
        return t.name();
      }
      String folder = schema == null ? "" : schema.folder();
      return t.name().startsWith(folder) ? t.name().substring(folder.length()) : asked;
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
      CatalogSchema schema = current();
      if (schema == null) {
        return Set.of();
      }
      Predicate<String> matcher = NamePatterns.matcher(pattern.pattern);
      Set<String> names = new LinkedHashSet<>();
      for (String n : schema.tables().keySet()) {
        if (matcher.test(n)) {
          names.add(n);
        }
      }
      return names;
    }
  }

  /** The connection's root: the URL root and the folder schemas, following the listing. */
  private static final class Root extends AbstractSchema {
    private final String rootName;
    private final BucketCatalog catalog;

    Root(String rootName, BucketCatalog catalog) {
      this.rootName = rootName;
      this.catalog = catalog;
    }

    @Override
    public Lookup<? extends Schema> subSchemas() {
      return new Lookup<BucketSchema>() {
        @Override
        public @Nullable BucketSchema get(String schemaName) {
          String n = resolve(schemaName, true);
          return n == null ? null : new BucketSchema(catalog, n);
        }

        @Override
        public @Nullable Named<BucketSchema> getIgnoreCase(String schemaName) {
          String n = resolve(schemaName, false);
          if (n == null) {
            return null;
          }
          return new Named<>(n.isEmpty() ? rootName : n, new BucketSchema(catalog, n));
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
          Predicate<String> matcher = NamePatterns.matcher(pattern.pattern);
          Set<String> names = new LinkedHashSet<>();
          if (matcher.test(rootName)) {
            names.add(rootName);
          }
          for (String n : catalog.snapshot().schemas().keySet()) {
            if (!n.isEmpty() && !n.equalsIgnoreCase(rootName) && matcher.test(n)) {
              names.add(n);
            }
          }
          return names;
        }
      };
    }

    /**
     * No listed tables, but DuckDB's file references ({@code 's3://...'}, {@code read_csv(...)}),
     * so that they resolve whatever the default schema (after {@code USE bucketsql} too).
     */
    @Override
    public Lookup<Table> tables() {
      return new Lookup<Table>() {
        @Override
        public @Nullable Table get(String tableName) {
          CatalogTable t =
              FileReference.looksLikeOne(tableName) ? catalog.reference(tableName) : null;
          return t == null ? null : t.table(catalog.tableFactory());
        }

        @Override
        public @Nullable Named<Table> getIgnoreCase(String tableName) {
          Table t = get(tableName);
          return t == null ? null : new Named<>(tableName, t);
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
          return Set.of();
        }
      };
    }

    /** As Calcite's own root: generated code reaches it through the data context. */
    @Override
    public Expression getExpression(@Nullable SchemaPlus parentSchema, String schemaName) {
      return Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    }

    /** The catalog schema name for a root sub-schema name, or null. */
    private @Nullable String resolve(String schemaName, boolean caseSensitive) {
      if (caseSensitive ? schemaName.equals(rootName) : schemaName.equalsIgnoreCase(rootName)) {
        return "";
      }
      if (schemaName.isEmpty()) {
        return null;
      }
      CatalogSchema s = catalog.snapshot().schema(schemaName, caseSensitive);
      return s == null || s.name().isEmpty() ? null : s.name();
    }

    @Override
    public Schema snapshot(SchemaVersion version) {
      return this;
    }
  }
}
