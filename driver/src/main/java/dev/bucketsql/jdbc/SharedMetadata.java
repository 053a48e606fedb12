package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.catalog.FilesTableMacro;
import dev.bucketsql.calcite.catalog.NamePatterns;
import dev.bucketsql.calcite.meta.CatalogRows;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;

/**
 * What a BucketSQL connection's metadata says that Avatica's protocol does not carry, so that the
 * remote driver, talking to a BucketSQL server, answers as the embedded driver does: how
 * identifiers are cased and matched, and which schemas hold the {@code files(glob)} table function.
 * One place for both drivers, checked by the server module's MetadataParityTest.
 */
public final class SharedMetadata {
  /** Schemas a connection adds beside the bucket's: they hold no {@code files} function. */
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of(CatalogRows.INFORMATION_SCHEMA, CsvRejectsTable.SCHEMA);

  private SharedMetadata() {}

  /** Whether a server's {@code getDatabaseProductName()} says it serves BucketSQL. */
  public static boolean isBucketSql(String productName) {
    return BucketSqlVersion.PRODUCT.equals(productName);
  }

  /** The lexical settings of every BucketSQL connection: case, quoting, matching. */
  public static CalciteConnectionConfig lexing() {
    return new CalciteConnectionConfigImpl(CalciteSettings.properties());
  }

  /** The name of the table function every bucket schema holds. */
  public static String filesFunction() {
    return FilesTableMacro.NAME;
  }

  /** Whether schema {@code schema} of a BucketSQL connection holds {@link #filesFunction()}. */
  public static boolean hasFilesFunction(String schema) {
    return !SYSTEM_SCHEMAS.contains(schema);
  }

  /**
   * The {@code getFunctions} rows of a BucketSQL connection whose {@code getSchemas(catalog,
   * schemaPattern)} lists {@code schemas}: one per bucket schema for its {@code files} table
   * function, in the columns and order of Calcite's answer (FUNCTION_CAT is the catalog asked for).
   * Calcite's own answer lists the function of the URL's schema only, though every folder schema
   * has one ({@code SELECT * FROM TABLE(sub.files('*.csv'))}).
   */
  public static List<Object[]> functionRows(
      String catalog, List<String> schemas, String functionNamePattern) {
    List<Object[]> rows = new ArrayList<>();
    String name = filesFunction();
    if (NamePatterns.matcher(functionNamePattern).test(name)) {
      for (String schema : schemas) {
        if (hasFilesFunction(schema)) {
          rows.add(
              new Object[] {
                catalog, schema, name, null, (short) DatabaseMetaData.functionResultUnknown, name
              });
        }
      }
    }
    rows.sort(Comparator.comparing(r -> (String) r[1]));
    return rows;
  }
}
