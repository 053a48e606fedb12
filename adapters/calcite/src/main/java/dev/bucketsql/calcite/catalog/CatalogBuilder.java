package dev.bucketsql.calcite.catalog;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a listing into schemas and tables; the rules are those of docs/catalog.md.
 *
 * <ul>
 *   <li>The URL root is a schema. Each data object directly in a schema folder is a table named
 *       after its file name without the extension.
 *   <li>A folder whose objects (at any depth) are all data files of one format, in folders that are
 *       all {@code name=value} with the same names in the same order, is one table named after the
 *       folder: the union of its files, plus one column per partition name.
 *   <li>Any other folder is a schema named by its path ({@code results}, {@code a/b}).
 *   <li>Keys ending in {@code /}, and files or folders whose name starts with {@code _} or {@code
 *       .} ({@code _SUCCESS}, {@code .crc}, {@code _temporary/}), are ignored.
 *   <li>When several entries of a schema map to one name, a folder table wins over a file, Parquet
 *       over CSV over other formats, then the first key; the others stay reachable by their exact
 *       key.
 * </ul>
 */
final class CatalogBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);
  private static final Set<String> COMPRESSIONS =
      Set.of("gz", "gzip", "bz2", "zst", "zstd", "lz4", "xz", "snappy", "deflate");

  private final String prefix;
  private final Function<ObjectInfo, Optional<CatalogFile>> opener;
  private final Map<String, CatalogFile> files = new LinkedHashMap<>();
  private final Map<String, CatalogSchema> schemas = new LinkedHashMap<>();

  /**
   * @param prefix the URL's key prefix, stripped from keys for naming (empty or ending in /)
   * @param opener the catalog file for an object, or empty when no format recognises it
   */
  CatalogBuilder(String prefix, Function<ObjectInfo, Optional<CatalogFile>> opener) {
    this.prefix = prefix;
    this.opener = opener;
  }

  CatalogSnapshot build(List<ObjectInfo> objects) {
    Folder root = new Folder("");
    for (ObjectInfo object : objects) {
      add(root, object);
    }
    addSchema("", root);
    return new CatalogSnapshot(schemas, files, objects.size());
  }

  private void add(Folder root, ObjectInfo object) {
    if (!object.key().startsWith(prefix) || object.key().endsWith("/")) {
      return;
    }
    String relative = object.key().substring(prefix.length());
    String[] parts = relative.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty() || part.startsWith("_") || part.startsWith(".")) {
        return;
      }
    }
    Folder folder = root;
    for (int i = 0; i < parts.length - 1; i++) {
      String path = folder.path + parts[i] + "/";
      folder = folder.children.computeIfAbsent(parts[i], n -> new Folder(path));
    }
    Optional<CatalogFile> file = opener.apply(object);
    if (file.isPresent()) {
      folder.files.add(file.get());
      files.put(relative, file.get());
    } else {
      folder.foreign = true;
    }
  }

  private void addSchema(String name, Folder folder) {
    List<Candidate> candidates = new ArrayList<>();
    for (CatalogFile file : folder.files) {
      String fileName = file.key().substring(file.key().lastIndexOf('/') + 1);
      candidates.add(
          new Candidate(tableName(fileName), rank(fileName), file.key(), file.object(), file));
    }
    for (Map.Entry<String, Folder> child : folder.children.entrySet()) {
      Optional<UnionDataFile> table = asTable(child.getValue());
      if (table.isPresent()) {
        UnionDataFile union = table.get();
        candidates.add(
            new Candidate(
                child.getKey(), 0, prefix + child.getValue().path, union.folderObject(), union));
      } else {
        String path = child.getValue().path;
        addSchema(path.substring(0, path.length() - 1), child.getValue());
      }
    }
    if (candidates.isEmpty() && !name.isEmpty()) {
      return;
    }
    candidates.sort(
        Comparator.comparing(Candidate::name)
            .thenComparingInt(Candidate::rank)
            .thenComparing(Candidate::key));
    Map<String, CatalogTable> tables = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); ) {
      Candidate winner = candidates.get(i);
      List<String> losers = new ArrayList<>();
      int j = i + 1;
      while (j < candidates.size() && candidates.get(j).name().equals(winner.name())) {
        losers.add(candidates.get(j).key());
        j++;
      }
      if (!losers.isEmpty()) {
        LOG.warn(
            "table {} reads '{}'; {} map to the same name and are reachable by their exact key"
                + " as a quoted name",
            winner.name(),
            winner.key(),
            losers);
      }
      if (winner.file() instanceof CatalogFile f) {
        f.shadows(losers);
      } else if (winner.file() instanceof UnionDataFile u) {
        u.shadows(losers);
      }
      tables.put(
          winner.name(), new CatalogTable(winner.name(), winner.object(), winner.file(), losers));
      i = j;
    }
    schemas.put(name, new CatalogSchema(name, folder.path, tables));
  }

  /** The folder as one table, when it is one. */
  private Optional<UnionDataFile> asTable(Folder folder) {
    List<Placed> placed = new ArrayList<>();
    if (!collect(folder, List.of(), placed) || placed.isEmpty()) {
      return Optional.empty();
    }
    String format = placed.get(0).file().format();
    List<String> names =
        placed.get(0).segments().stream().map(HivePartitions.Segment::name).toList();
    for (Placed p : placed) {
      if (!p.file().format().equals(format)
          || !p.segments().stream().map(HivePartitions.Segment::name).toList().equals(names)) {
        return Optional.empty();
      }
    }
    List<Column> columns = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      Set<String> values = new LinkedHashSet<>();
      for (Placed p : placed) {
        values.add(p.segments().get(c).value());
      }
      ColumnType type = HivePartitions.inferType(values);
      types.add(type);
      columns.add(new Column(names.get(c), type, values.contains(null), -1, 0));
    }
    placed.sort(Comparator.comparing(p -> p.file().key()));
    List<UnionDataFile.Member> members = new ArrayList<>();
    for (Placed p : placed) {
      List<Comparable<?>> values = new ArrayList<>();
      for (int c = 0; c < names.size(); c++) {
        String raw = p.segments().get(c).value();
        values.add(raw == null ? null : HivePartitions.convert(raw, types.get(c)));
      }
      members.add(new UnionDataFile.Member(p.file(), values));
    }
    return Optional.of(new UnionDataFile(prefix + folder.path, members, columns));
  }

  /** Collects the folder's files with their partition segments; false if it cannot be a table. */
  private static boolean collect(
      Folder folder, List<HivePartitions.Segment> segments, List<Placed> out) {
    if (folder.foreign) {
      return false;
    }
    for (CatalogFile file : folder.files) {
      out.add(new Placed(file, segments));
    }
    for (Map.Entry<String, Folder> child : folder.children.entrySet()) {
      Optional<HivePartitions.Segment> segment = HivePartitions.parse(child.getKey());
      if (segment.isEmpty()) {
        return false;
      }
      List<HivePartitions.Segment> deeper = new ArrayList<>(segments);
      deeper.add(segment.get());
      if (!collect(child.getValue(), deeper, out)) {
        return false;
      }
    }
    return true;
  }

  /** The file name without its extension, and without a compression extension before it. */
  static String tableName(String fileName) {
    String name = stripExtension(fileName);
    String ext = fileName.length() > name.length() ? fileName.substring(name.length() + 1) : "";
    if (COMPRESSIONS.contains(ext.toLowerCase(Locale.ROOT))) {
      name = stripExtension(name);
    }
    return name;
  }

  private static String stripExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static int rank(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return 1;
    }
    if (lower.contains(".csv")) {
      return 2;
    }
    return 3;
  }

  private static final class Folder {
    final String path;
    final Map<String, Folder> children = new TreeMap<>();
    final List<CatalogFile> files = new ArrayList<>();
    boolean foreign;

    Folder(String path) {
      this.path = path;
    }
  }

  private record Placed(CatalogFile file, List<HivePartitions.Segment> segments) {}

  private record Candidate(String name, int rank, String key, ObjectInfo object, DataFile file) {}
}
