package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvCompression;
import dev.bucketsql.csv.CsvDataFile;
import dev.bucketsql.csv.CsvOptions;
import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import dev.bucketsql.parquet.ParquetDataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link FileReference} into a table of the catalog: each path resolved to the data objects
 * of the listing (an exact key or a {@link KeyGlob}), read as one table combined by column name as
 * folder tables are ({@link UnionDataFile}), so a reference gets the same pushdown, pruning and
 * EXPLAIN as a named table.
 *
 * <p>A path {@code s3://BUCKET/KEY} must name the connection's bucket (and lie under its URL
 * prefix); a path without a scheme is a key relative to the URL root.
 */
final class FileTables {
  /** The options read_csv and read_parquet take, as in DuckDB. */
  static final List<String> OPTIONS =
      List.of(
          "header",
          "delim",
          "sep",
          "delimiter",
          "quote",
          "escape",
          "nullstr",
          "types",
          "dtypes",
          "columns",
          "auto_detect",
          "compression",
          "hive_partitioning",
          "union_by_name",
          "filename",
          "sample_size",
          "all_varchar");

  /** The options read_parquet takes. */
  static final List<String> PARQUET_OPTIONS =
      List.of("hive_partitioning", "union_by_name", "filename");

  private final BucketCatalog catalog;
  private final CatalogSnapshot snapshot;
  private final String scheme;
  private final String bucket;
  private final String prefix;

  FileTables(BucketCatalog catalog, CatalogSnapshot snapshot) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.snapshot = requireNonNull(snapshot, "snapshot is null");
    String location = catalog.store().location();
    int colon = location.indexOf("://");
    String rest = colon < 0 ? location : location.substring(colon + 3);
    int slash = rest.indexOf('/');
    this.scheme = colon < 0 ? "s3" : location.substring(0, colon);
    this.bucket = slash < 0 ? rest : rest.substring(0, slash);
    this.prefix = slash < 0 ? "" : rest.substring(slash + 1);
  }

  /** The table {@code reference} reads, named {@code name}. */
  CatalogTable table(String name, FileReference reference) {
    String function = reference.function().isEmpty() ? "FROM '...'" : reference.function();
    for (String option : reference.options().keySet()) {
      if (!OPTIONS.contains(option)) {
        throw invalid(function + ": unknown option '" + option + "'; BucketSQL takes " + OPTIONS);
      }
    }
    boolean parquetReader =
        reference.function().equals("read_parquet") || reference.function().equals("parquet_scan");
    for (String option : reference.options().keySet()) {
      if (parquetReader && !PARQUET_OPTIONS.contains(option)) {
        throw invalid(
            function
                + ": option '"
                + option
                + "' is one of read_csv's; "
                + function
                + " takes "
                + PARQUET_OPTIONS);
      }
    }
    if (bool(reference, "all_varchar", false)) {
      throw invalid(
          function
              + ": all_varchar = true is not supported; give the types instead, e.g. types = {'zip': 'VARCHAR'}");
    }
    Map<String, CatalogFile> found = new LinkedHashMap<>();
    for (String path : reference.paths()) {
      String key = key(path);
      if (KeyGlob.isGlob(key)) {
        KeyGlob glob = KeyGlob.compile(key);
        int before = found.size();
        snapshot
            .files()
            .forEach(
                (k, f) -> {
                  if (glob.matches(k)) {
                    found.putIfAbsent(k, f);
                  }
                });
        if (found.size() == before) {
          throw undefined(
              "no CSV or Parquet object matches '"
                  + path
                  + "' in "
                  + where()
                  + " ('*' matches within a folder, '**' across folders)"
                  + NearKeys.hint(snapshot, key));
        }
      } else {
        CatalogFile file = exact(key);
        if (file == null) {
          throw undefined(
              "no CSV or Parquet object '"
                  + path
                  + "' in "
                  + where()
                  + NearKeys.hint(snapshot, key));
        }
        found.putIfAbsent(file.key(), file);
      }
    }
    List<CatalogFile> files = new ArrayList<>();
    for (CatalogFile file : found.values()) {
      files.add(reader(reference, function, file));
    }
    List<Column> partitionColumns = new ArrayList<>();
    List<List<Comparable<?>>> values = new ArrayList<>();
    files.forEach(f -> values.add(new ArrayList<>()));
    partitions(reference, files, partitionColumns, values);
    if (bool(reference, "filename", false)) {
      partitionColumns.add(new Column("filename", ColumnType.VARCHAR, false, -1, 0));
      for (int i = 0; i < files.size(); i++) {
        values.get(i).add(scheme + "://" + bucket + "/" + prefix + files.get(i).key());
      }
    }
    List<UnionDataFile.Member> members = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      members.add(new UnionDataFile.Member(files.get(i), values.get(i)));
    }
    UnionDataFile union = new UnionDataFile(name, members, partitionColumns);
    return new CatalogTable(name, union.folderObject(), union, List.of());
  }

  private String where() {
    return scheme + "://" + bucket + "/" + prefix;
  }

  /** The key, relative to the URL root, that {@code path} names. */
  private String key(String path) {
    int colon = path.indexOf("://");
    if (colon < 0) {
      return path.startsWith("/") ? path.substring(1) : path;
    }
    String pathScheme = path.substring(0, colon);
    String rest = path.substring(colon + 3);
    int slash = rest.indexOf('/');
    String pathBucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!pathScheme.equalsIgnoreCase(scheme) || !pathBucket.equals(bucket)) {
      throw undefined(
          "'"
              + path
              + "' is in bucket '"
              + pathBucket
              + "', but this connection reads bucket '"
              + bucket
              + "' ("
              + where()
              + "); connect to "
              + pathScheme
              + "://"
              + pathBucket
              + " (jdbc:bucketsql:"
              + pathScheme
              + "://"
              + pathBucket
              + ") to read it, or name a key of '"
              + bucket
              + "'");
    }
    if (!key.startsWith(prefix)) {
      throw undefined(
          "'"
              + path
              + "' is outside this connection's prefix "
              + where()
              + "; connect to "
              + pathScheme
              + "://"
              + pathBucket
              + " to read it");
    }
    return key.substring(prefix.length());
  }

  private CatalogFile exact(String key) {
    CatalogFile file = snapshot.files().get(key);
    if (file != null) {
      return file;
    }
    CatalogFile only = null;
    for (Map.Entry<String, CatalogFile> e : snapshot.files().entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        if (only != null) {
          return null;
        }
        only = e.getValue();
      }
    }
    return only;
  }

  /** The file read as the reference says: its format checked, CSV options applied. */
  private CatalogFile reader(FileReference reference, String function, CatalogFile file) {
    boolean csv = file.delegate() instanceof CsvDataFile;
    boolean parquet = file.delegate() instanceof ParquetDataFile;
    boolean wantsCsv = reference.function().startsWith("read_csv");
    boolean wantsParquet =
        reference.function().equals("read_parquet") || reference.function().equals("parquet_scan");
    if (wantsCsv && !csv) {
      throw invalid(
          function
              + ": '"
              + file.key()
              + "' is not a CSV object; read it with read_parquet('"
              + file.key()
              + "')");
    }
    if (wantsParquet && !parquet) {
      throw invalid(
          function
              + ": '"
              + file.key()
              + "' is not a Parquet object; read it with read_csv('"
              + file.key()
              + "')");
    }
    if (!csv) {
      return file;
    }
    CsvDataFile delegate = (CsvDataFile) file.delegate();
    CsvOptions options = csvOptions(reference, function, delegate.options());
    Object columns = reference.options().get("columns");
    if (columns != null) {
      return withColumns(reference, function, file, delegate, options, columns);
    }
    if (options.toString().equals(delegate.options().toString())) {
      return file;
    }
    return new CatalogFile(
        catalog.store().location(),
        file.object(),
        new CsvDataFile(catalog.store(), file.object(), options, delegate.rejects()),
        catalog.options().readerScope() + "|" + options,
        SchemaCache.SHARED);
  }

  /**
   * DuckDB's {@code columns = {'name': 'TYPE', ...}}: every column of the file, in order, named and
   * typed so. The file's own names (its header, or column_1, ... without one) are read first to
   * type them; then the columns take the given names.
   */
  private CatalogFile withColumns(
      FileReference reference,
      String function,
      CatalogFile file,
      CsvDataFile delegate,
      CsvOptions options,
      Object columns) {
    if (!(columns instanceof Map<?, ?> given) || given.isEmpty()) {
      throw invalid(
          function
              + ": columns takes a struct of every column's name and type, e.g."
              + " columns = {'id': 'BIGINT', 'name': 'VARCHAR'}");
    }
    CsvOptions.Builder base = options.toBuilder();
    if (!reference.options().containsKey("header")) {
      base.header(
          false); // as DuckDB: with columns given, the first line is data unless header = true
    }
    CsvOptions untyped = base.build();
    List<String> fileNames = new ArrayList<>();
    new CsvDataFile(catalog.store(), file.object(), untyped, delegate.rejects())
        .schema()
        .columns()
        .forEach(c -> fileNames.add(c.name()));
    if (fileNames.size() != given.size()) {
      throw invalid(
          function
              + ": columns names "
              + given.size()
              + " columns, but '"
              + file.key()
              + "' has "
              + fileNames.size()
              + " fields a line");
    }
    CsvOptions.Builder typed = untyped.toBuilder();
    List<String> names = new ArrayList<>();
    int i = 0;
    for (Map.Entry<?, ?> e : given.entrySet()) {
      names.add(String.valueOf(e.getKey()));
      setType(function, typed, fileNames.get(i++), String.valueOf(e.getValue()));
    }
    CsvOptions finalOptions = typed.build();
    return new CatalogFile(
        catalog.store().location(),
        file.object(),
        new RenamedDataFile(
            new CsvDataFile(catalog.store(), file.object(), finalOptions, delegate.rejects()),
            names),
        catalog.options().readerScope() + "|" + finalOptions + "|columns=" + names,
        SchemaCache.SHARED);
  }

  private static CsvOptions csvOptions(FileReference reference, String function, CsvOptions base) {
    CsvOptions.Builder b = base.toBuilder();
    Map<String, Object> o = reference.options();
    if (o.containsKey("columns") && (o.containsKey("types") || o.containsKey("dtypes"))) {
      throw invalid(function + ": give the types in columns, or types without columns, not both");
    }
    if (o.containsKey("header")) {
      b.header(bool(reference, "header", true));
    }
    for (String d : List.of("delim", "sep", "delimiter")) {
      if (o.containsKey(d)) {
        b.delimiter(character(function, d, o.get(d)));
      }
    }
    if (o.containsKey("quote")) {
      b.quote(character(function, "quote", o.get("quote")));
    }
    if (o.containsKey("escape")) {
      b.escape(character(function, "escape", o.get("escape")));
    }
    if (o.containsKey("nullstr")) {
      Object n = o.get("nullstr");
      if (n instanceof List<?> list && list.size() == 1) {
        n = list.get(0);
      }
      if (!(n instanceof String text)) {
        throw invalid(function + ": nullstr takes one string, e.g. nullstr = 'NA'");
      }
      b.nullString(text);
    }
    if (o.containsKey("compression")) {
      String c = String.valueOf(o.get("compression")).toLowerCase(Locale.ROOT);
      b.compression(CsvCompression.parse(c.equals("auto_detect") ? "auto" : c));
    }
    if (o.containsKey("auto_detect") && !bool(reference, "auto_detect", true)) {
      if (!o.containsKey("types") && !o.containsKey("dtypes") && !o.containsKey("columns")) {
        throw invalid(
            function
                + ": auto_detect = false needs columns = {'name': 'TYPE', ...} or types = {...}; BucketSQL"
                + " otherwise detects the columns' types");
      }
    }
    for (String t : List.of("types", "dtypes")) {
      if (!o.containsKey(t)) {
        continue;
      }
      if (!(o.get(t) instanceof Map<?, ?> types)) {
        throw invalid(
            function
                + ": "
                + t
                + " takes a struct of column names and types, e.g. "
                + t
                + " = {'id': 'BIGINT', 'day': 'DATE'}");
      }
      for (Map.Entry<?, ?> e : types.entrySet()) {
        setType(function, b, String.valueOf(e.getKey()), String.valueOf(e.getValue()));
      }
    }
    return b.build();
  }

  private static void setType(String function, CsvOptions.Builder b, String name, String typeText) {
    String type = typeText.strip().toUpperCase(Locale.ROOT);
    if (type.startsWith("DECIMAL(") && type.endsWith(")")) {
      String[] ps = type.substring(8, type.length() - 1).split(",");
      b.columnDecimal(
          name,
          Integer.parseInt(ps[0].strip()),
          ps.length > 1 ? Integer.parseInt(ps[1].strip()) : 0);
    } else {
      b.columnType(name, columnType(function, type));
    }
  }

  private static ColumnType columnType(String function, String type) {
    return switch (type) {
      case "BOOLEAN", "BOOL", "LOGICAL" -> ColumnType.BOOLEAN;
      case "TINYINT", "INT1" -> ColumnType.TINYINT;
      case "SMALLINT", "INT2", "SHORT" -> ColumnType.SMALLINT;
      case "INTEGER", "INT", "INT4", "SIGNED" -> ColumnType.INTEGER;
      case "BIGINT", "INT8", "LONG" -> ColumnType.BIGINT;
      case "REAL", "FLOAT", "FLOAT4" -> ColumnType.REAL;
      case "DOUBLE", "FLOAT8" -> ColumnType.DOUBLE;
      case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR" -> ColumnType.VARCHAR;
      case "DATE" -> ColumnType.DATE;
      case "TIME" -> ColumnType.TIME;
      case "TIMESTAMP", "DATETIME" -> ColumnType.TIMESTAMP;
      default ->
          throw invalid(
              function
                  + ": type '"
                  + type
                  + "' is not one BucketSQL reads from CSV; use BOOLEAN, TINYINT,"
                  + " SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIME or TIMESTAMP");
    };
  }

  private static char character(String function, String option, Object value) {
    String s = String.valueOf(value);
    if (s.equals("\\t")) {
      return '\t';
    }
    if (s.length() != 1) {
      throw invalid(
          function
              + ": "
              + option
              + " takes one character, e.g. "
              + option
              + " = ';', not '"
              + s
              + "'");
    }
    return s.charAt(0);
  }

  private static boolean bool(FileReference reference, String option, boolean otherwise) {
    Object v = reference.options().get(option);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
      return n.longValue() == 1;
    }
    throw invalid(option + " takes true or false, not " + v);
  }

  /**
   * Hive partition columns from the keys' {@code name=value} folders: with {@code hive_partitioning
   * = true}, or by default when every file has the same partition names (as DuckDB detects them).
   */
  private static void partitions(
      FileReference reference,
      List<CatalogFile> files,
      List<Column> columns,
      List<List<Comparable<?>>> values) {
    Object option = reference.options().get("hive_partitioning");
    if (option != null && !bool(reference, "hive_partitioning", false)) {
      return;
    }
    List<List<HivePartitions.Segment>> segments = new ArrayList<>();
    for (CatalogFile f : files) {
      List<HivePartitions.Segment> s = new ArrayList<>();
      String[] parts = f.key().split("/");
      for (int i = 0; i < parts.length - 1; i++) {
        HivePartitions.parse(parts[i]).ifPresent(s::add);
      }
      segments.add(s);
    }
    List<String> names = segments.get(0).stream().map(HivePartitions.Segment::name).toList();
    boolean consistent =
        segments.stream()
            .allMatch(s -> s.stream().map(HivePartitions.Segment::name).toList().equals(names));
    if (!consistent || names.isEmpty()) {
      if (option != null && !consistent) {
        throw invalid(
            "hive_partitioning: the files' key paths do not have the same name=value folders, e.g. '"
                + files.get(0).key()
                + "'");
      }
      return;
    }
    for (int c = 0; c < names.size(); c++) {
      Set<String> raw = new LinkedHashSet<>();
      for (List<HivePartitions.Segment> s : segments) {
        raw.add(s.get(c).value());
      }
      ColumnType type = HivePartitions.inferType(raw);
      columns.add(new Column(names.get(c), type, raw.contains(null), -1, 0));
      for (int f = 0; f < files.size(); f++) {
        String v = segments.get(f).get(c).value();
        values.get(f).add(v == null ? null : HivePartitions.convert(v, type));
      }
    }
  }

  /** 22023: an option or an object that the reader does not take. */
  private static SqlStateException invalid(String message) {
    return new SqlStateException(SqlStateException.INVALID_PARAMETER_VALUE, message);
  }

  /** 42P01: no such table, as PostgreSQL says for a name that resolves to nothing. */
  private static SqlStateException undefined(String message) {
    return new SqlStateException("42P01", message);
  }
}
