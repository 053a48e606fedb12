package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A folder of data files of one format as one table: the union of its files, combined by column
 * name ({@link UnionSchema}), with the Hive partition columns of the key path ({@code
 * year=2018/month=01/}) appended.
 *
 * <p>A scan first drops every file whose partition values, or whose missing columns (all NULL),
 * cannot satisfy the scan's predicate: a dropped file costs no request at all. It then reads the
 * remaining files one after the other, each with the predicate mapped to its own column indexes, so
 * formats can prune inside the file too.
 */
public final class UnionDataFile implements DataFile, Remarked {
  /** Reads the files' heads and footers in parallel when a table's schema is first needed. */
  private static final ExecutorService INFERENCE =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "bucketsql-schema-inference");
            t.setDaemon(true);
            return t;
          });

  private final String folderKey;
  private final List<Member> members;
  private final List<Column> partitionColumns;
  private volatile Layout layout;
  private volatile List<String> shadowed = List.of();

  /**
   * @param folderKey the folder's key, ending in {@code /}
   * @param members the files, in key order
   * @param partitionColumns the partition columns, in key-path order; each member holds one value
   *     per column
   */
  public UnionDataFile(String folderKey, List<Member> members, List<Column> partitionColumns) {
    this.folderKey = requireNonNull(folderKey, "folderKey is null");
    this.members = List.copyOf(requireNonNull(members, "members is null"));
    this.partitionColumns =
        List.copyOf(requireNonNull(partitionColumns, "partitionColumns is null"));
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("table folder '" + folderKey + "' has no files");
    }
    for (Member m : this.members) {
      if (m.partitionValues().size() != this.partitionColumns.size()) {
        throw new IllegalArgumentException(
            "'"
                + m.file().key()
                + "' has "
                + m.partitionValues().size()
                + " partition values, expected "
                + this.partitionColumns.size());
      }
    }
  }

  @Override
  public String key() {
    return folderKey;
  }

  /** The files, in key order. */
  public List<Member> members() {
    return members;
  }

  /** The partition columns, appended after the file columns in the schema. */
  public List<Column> partitionColumns() {
    return partitionColumns;
  }

  /**
   * The folder as one object version: total size, the newest modification time, and an ETag derived
   * from the files' ETags.
   */
  public ObjectInfo folderObject() {
    long size = 0;
    Instant newest = Instant.EPOCH;
    int hash = 1;
    for (Member m : members) {
      ObjectInfo o = m.file().object();
      size += o.size();
      newest = o.lastModified().isAfter(newest) ? o.lastModified() : newest;
      hash = 31 * hash + o.key().hashCode() * 17 + o.etag().hashCode();
    }
    return new ObjectInfo(folderKey, size, "\"union-" + Integer.toHexString(hash) + "\"", newest);
  }

  /**
   * The combined columns of all files, then the partition columns. Reads each file's schema (from
   * the shared cache when the object version was seen before).
   *
   * @throws dev.bucketsql.format.FormatException when two files disagree on a column's type, naming
   *     both files
   */
  @Override
  public TableSchema schema() {
    return layout().schema;
  }

  private Layout layout() {
    Layout l = layout;
    if (l == null) {
      synchronized (this) {
        l = layout;
        if (l == null) {
          l = buildLayout();
          layout = l;
        }
      }
    }
    return l;
  }

  private Layout buildLayout() {
    List<TableSchema> schemas = memberSchemas();
    List<String> keys = members.stream().map(m -> m.file().key()).toList();
    List<String> partitionNames = partitionColumns.stream().map(Column::name).toList();
    List<Column> fileColumns = UnionSchema.combine(folderKey, keys, schemas, partitionNames);
    List<Column> all = new ArrayList<>(fileColumns);
    all.addAll(partitionColumns);
    int[][] maps = new int[members.size()][];
    for (int f = 0; f < members.size(); f++) {
      Map<String, Integer> byName = new HashMap<>();
      TableSchema s = schemas.get(f);
      for (int i = s.size() - 1; i >= 0; i--) {
        byName.put(s.column(i).name().toLowerCase(Locale.ROOT), i);
      }
      int[] map = new int[fileColumns.size()];
      for (int c = 0; c < map.length; c++) {
        map[c] = byName.getOrDefault(fileColumns.get(c).name().toLowerCase(Locale.ROOT), -1);
      }
      maps[f] = map;
    }
    return new Layout(new TableSchema(all), fileColumns.size(), schemas, maps);
  }

  private List<TableSchema> memberSchemas() {
    if (members.size() == 1) {
      return List.of(members.get(0).file().schema());
    }
    List<CompletableFuture<TableSchema>> futures = new ArrayList<>();
    for (Member m : members) {
      futures.add(CompletableFuture.supplyAsync(() -> m.file().schema(), INFERENCE));
    }
    List<TableSchema> result = new ArrayList<>();
    for (CompletableFuture<TableSchema> f : futures) {
      try {
        result.add(f.join());
      } catch (CompletionException e) {
        futures.forEach(other -> other.cancel(false));
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    return result;
  }

  /**
   * Scans the files that can hold matching rows, in key order. Files ruled out by the predicate on
   * partition columns (or on columns they lack) are not requested at all.
   */
  @Override
  public RowCursor scan(ScanSpec spec) {
    requireNonNull(spec, "spec is null");
    Layout l = layout();
    int[] projection = checkedProjection(l, spec);
    List<UnionCursor.MemberScan> scans = new ArrayList<>();
    if (!spec.predicate().isNone()) {
      for (int f = 0; f < members.size(); f++) {
        memberScan(l, f, spec, projection).ifPresent(scans::add);
      }
    }
    return new UnionCursor(scans);
  }

  /**
   * The pieces of the files that can hold matching rows, in key order: each file's own pieces (a
   * Parquet object's row groups), each read with the file's column mapping. Files ruled out by the
   * predicate on partition columns give no piece and cost no request.
   */
  @Override
  public List<DataFile> splits(ScanSpec spec) {
    requireNonNull(spec, "spec is null");
    Layout l = layout();
    int[] projection = checkedProjection(l, spec);
    if (spec.predicate().isNone()) {
      return List.of(this);
    }
    List<DataFile> pieces = new ArrayList<>();
    for (int f = 0; f < members.size(); f++) {
      Optional<UnionCursor.MemberScan> scan = memberScan(l, f, spec, projection);
      if (scan.isPresent()) {
        int member = f;
        for (DataFile piece : scan.get().file().splits(scan.get().spec())) {
          pieces.add(new Piece(member, piece));
        }
      }
    }
    return pieces.size() <= 1 ? List.of(this) : pieces;
  }

  private int[] checkedProjection(Layout l, ScanSpec spec) {
    int[] projection = spec.projection();
    for (int p : projection) {
      if (p < 0 || p >= l.schema.size()) {
        throw new IllegalArgumentException(
            "column index "
                + p
                + " is outside the "
                + l.schema.size()
                + " columns of table folder '"
                + folderKey
                + "'");
      }
    }
    return projection;
  }

  /**
   * One piece of one file of the folder, read with that file's column mapping; its schema and key
   * are the folder's.
   */
  private final class Piece implements DataFile {
    private final int member;
    private final DataFile piece;

    Piece(int member, DataFile piece) {
      this.member = member;
      this.piece = piece;
    }

    @Override
    public String key() {
      return folderKey;
    }

    @Override
    public TableSchema schema() {
      return UnionDataFile.this.schema();
    }

    @Override
    public RowCursor scan(ScanSpec spec) {
      Layout l = layout();
      int[] projection = checkedProjection(l, spec);
      List<UnionCursor.MemberScan> scans = new ArrayList<>();
      if (!spec.predicate().isNone()) {
        memberScan(l, member, spec, projection)
            .ifPresent(
                s ->
                    scans.add(
                        new UnionCursor.MemberScan(
                            piece, s.spec(), s.sources(), s.constants(), s.convert())));
      }
      return new UnionCursor(scans);
    }

    @Override
    public String toString() {
      return "piece of " + members.get(member).file().key() + ": " + piece;
    }
  }

  private Optional<UnionCursor.MemberScan> memberScan(
      Layout l, int f, ScanSpec spec, int[] projection) {
    Member member = members.get(f);
    int[] map = l.columnMaps[f];
    TableSchema own = l.memberSchemas.get(f);
    Map<Integer, Domain> memberDomains = new HashMap<>();
    for (Map.Entry<Integer, Domain> e : spec.predicate().domains().entrySet()) {
      int column = e.getKey();
      Domain domain = e.getValue();
      if (column >= l.fileColumns) {
        Comparable<?> value = member.partitionValues().get(column - l.fileColumns);
        if (!mayContain(domain, value)) {
          return Optional.empty();
        }
      } else if (column >= 0 && map[column] < 0) {
        if (!domain.nullAllowed()) {
          return Optional.empty();
        }
      } else if (column >= 0 && own.column(map[column]).type() == l.schema.column(column).type()) {
        memberDomains.put(map[column], domain);
      }
    }
    List<Integer> read = new ArrayList<>();
    int[] sources = new int[projection.length];
    Object[] constants = new Object[projection.length];
    ColumnType[] convert = new ColumnType[projection.length];
    for (int p = 0; p < projection.length; p++) {
      int column = projection[p];
      sources[p] = -1;
      if (column >= l.fileColumns) {
        constants[p] = member.partitionValues().get(column - l.fileColumns);
      } else if (map[column] >= 0) {
        sources[p] = read.size();
        read.add(map[column]);
        ColumnType target = l.schema.column(column).type();
        convert[p] = own.column(map[column]).type() == target ? null : target;
      }
    }
    int[] memberProjection = read.stream().mapToInt(Integer::intValue).toArray();
    // runtime keys name the union's columns, not the member's: a member must not read them
    ScanSpec memberSpec =
        new ScanSpec(
                memberProjection, spec.stats(), ScanPredicate.of(memberDomains), spec.attachments())
            .without(RuntimeKeyFilter.class);
    return Optional.of(
        new UnionCursor.MemberScan(member.file(), memberSpec, sources, constants, convert));
  }

  private static boolean mayContain(Domain domain, Comparable<?> value) {
    try {
      return domain.contains(value);
    } catch (ClassCastException e) {
      // A domain in another representation than the partition value: keep the file.
      return true;
    }
  }

  /** Records the keys that map to this table's name and lost to it, for the remarks. */
  void shadows(List<String> keys) {
    shadowed = List.copyOf(keys);
  }

  @Override
  public String remarks() {
    StringBuilder s = new StringBuilder("folder ").append(folderKey).append(": ");
    s.append(members.size()).append(members.size() == 1 ? " file, " : " files, ");
    s.append(Sizes.describe(folderObject().size()));
    if (!partitionColumns.isEmpty()) {
      s.append("; partitioned by ")
          .append(String.join(", ", partitionColumns.stream().map(Column::name).toList()));
    }
    return s.append(Shadowing.note(shadowed)).toString();
  }

  @Override
  public Optional<String> columnRemarks(String name) {
    for (Column c : partitionColumns) {
      if (c.name().equalsIgnoreCase(name)) {
        return Optional.of("partition column: the value of " + c.name() + "=... in the key path");
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "UnionDataFile[" + folderKey + ", " + members.size() + " files]";
  }

  /**
   * One file of the table.
   *
   * @param file the file
   * @param partitionValues its partition values (null for Hive's default partition), one per
   *     partition column, in the columns' type representation
   */
  public record Member(CatalogFile file, List<Comparable<?>> partitionValues) {
    /** Checks the arguments. */
    public Member {
      requireNonNull(file, "file is null");
      partitionValues = java.util.Collections.unmodifiableList(new ArrayList<>(partitionValues));
    }
  }

  private record Layout(
      TableSchema schema, int fileColumns, List<TableSchema> memberSchemas, int[][] columnMaps) {}
}
