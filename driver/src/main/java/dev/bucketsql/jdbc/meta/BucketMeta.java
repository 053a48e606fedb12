package dev.bucketsql.jdbc.meta;

import dev.bucketsql.calcite.catalog.NamePatterns;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.jdbc.SharedMetadata;
import dev.bucketsql.storage.Causes;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.BucketSqlJdbcFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calcite's {@code Meta} for BucketSQL connections, with two changes to {@code getColumns}:
 *
 * <ul>
 *   <li>the column name pattern follows JDBC ({@code _} is any one character, {@code \} escapes),
 *       with the same {@link NamePatterns} as schema and table patterns; Calcite's matcher takes
 *       {@code _} literally;
 *   <li>a table whose columns cannot be read (files that disagree on a column's type, an empty CSV
 *       object) is left out of the answer instead of failing the whole call, so a BI tool's crawl
 *       still shows every other table. It is logged, and the result set's {@code getWarnings()}
 *       names the table and the error. Querying that table still fails with the same error.
 * </ul>
 */
public final class BucketMeta extends BucketSqlJdbcFactory.MetaBase {
  private static final Logger LOG = LoggerFactory.getLogger(BucketMeta.class);

  /** The column pattern of the getColumns call now building its result set on this thread. */
  private final ThreadLocal<Predicate<String>> columnPattern = new ThreadLocal<>();

  /** The meta of {@code connection}, a Calcite connection. */
  public BucketMeta(AvaticaConnection connection) {
    super(connection, BucketMetaTables.INSTANCE, BucketMetaColumns.INSTANCE);
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      @Nullable String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    // Calcite filters with its own matcher; ask it for every column and filter in createResultSet,
    // which Calcite calls from within this call.
    columnPattern.set(NamePatterns.matcher(columnNamePattern.s));
    try {
      return super.getColumns(ch, catalog, schemaPattern, tableNamePattern, Pat.of("%"));
    } finally {
      columnPattern.remove();
    }
  }

  /**
   * One row per bucket schema for its {@code files} table function ({@link
   * SharedMetadata#functionRows}, which the remote driver answers with too); Calcite's own answer
   * leaves out the folder schemas' functions.
   */
  @Override
  public MetaResultSet getFunctions(
      ConnectionHandle ch, @Nullable String catalog, Pat schemaPattern, Pat functionNamePattern) {
    List<MetaFunction> rows = new java.util.ArrayList<>();
    for (Object[] r :
        SharedMetadata.functionRows(
            catalog, schemaNames(catalog, schemaPattern), functionNamePattern.s)) {
      rows.add(
          new MetaFunction(
              (String) r[0], (String) r[1], (String) r[2], (Short) r[4], (String) r[5]));
    }
    // as Calcite builds its metadata result sets: one column per MetaFunction field, a record
    // cursor
    List<ColumnMetaData> columns = new java.util.ArrayList<>();
    List<java.lang.reflect.Field> fields = new java.util.ArrayList<>();
    List<String> fieldNames = new java.util.ArrayList<>();
    for (String column : FUNCTION_COLUMNS) {
      String fieldName = org.apache.calcite.avatica.AvaticaUtils.toCamelCase(column);
      try {
        java.lang.reflect.Field field = MetaFunction.class.getField(fieldName);
        columns.add(columnMetaData(column, columns.size(), field.getType(), false));
        fields.add(field);
        fieldNames.add(fieldName);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("no field " + fieldName + " in " + MetaFunction.class, e);
      }
    }
    return createResultSet(
        Map.of(),
        columns,
        CursorFactory.record(MetaFunction.class, fields, fieldNames),
        new Frame(0, true, new java.util.ArrayList<Object>(rows)));
  }

  @Override
  protected MetaResultSet createResultSet(
      Map<String, Object> internalParameters,
      List<ColumnMetaData> columns,
      CursorFactory cursorFactory,
      Frame firstFrame) {
    Predicate<String> pattern = columnPattern.get();
    Frame frame = firstFrame;
    if (pattern != null && firstFrame != null && firstFrame.rows != null) {
      frame =
          new Frame(
              firstFrame.offset, firstFrame.done, new CrawlProblems(firstFrame.rows, pattern));
    }
    return super.createResultSet(internalParameters, columns, cursorFactory, frame);
  }

  @Override
  public Enumerable<MetaColumn> columns(MetaTable table) {
    try {
      return super.columns(table);
    } catch (RuntimeException e) {
      FormatException cause = formatCause(e);
      if (cause == null) {
        throw e;
      }
      String problem =
          "getColumns left out table "
              + table.tableSchem
              + "."
              + table.tableName
              + ", whose columns cannot be read: "
              + cause.getMessage();
      LOG.warn("{}", problem);
      CrawlProblems crawl = CrawlProblems.current();
      if (crawl != null) {
        crawl.add(problem);
      }
      return Linq4j.emptyEnumerable();
    }
  }

  private static @Nullable FormatException formatCause(Throwable e) {
    return Causes.find(e, FormatException.class);
  }
}
