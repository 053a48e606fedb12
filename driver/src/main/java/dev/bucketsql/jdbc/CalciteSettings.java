package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.engine.BucketTypeSystem;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;

/**
 * The Calcite settings every BucketSQL connection uses, so SQL reads the way our users type it in
 * DuckDB and PostgreSQL (docs/sql.md):
 *
 * <ul>
 *   <li>unquoted names keep their case and match table names without regard to case ({@code SELECT
 *       * FROM PP_recipes} and {@code pp_recipes} both work);
 *   <li>GROUP BY and ORDER BY take ordinals and select-list aliases (lenient conformance);
 *   <li>NULLs sort last in ascending and descending order, as in DuckDB;
 *   <li>the Babel parser: {@code year}, {@code month}, {@code value} and most other non-reserved
 *       keywords as unquoted names, and {@code ::} casts;
 *   <li>the PostgreSQL function library beside the standard one: {@code ILIKE}, {@code date_part},
 *       {@code split_part}, {@code string_agg}, {@code to_char}, ...;
 *   <li>{@link BucketTypeSystem}: fractional AVG of integers, BIGINT sums.
 * </ul>
 */
final class CalciteSettings {
  private CalciteSettings() {}

  static Properties properties() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
    // NULLs sort last both ways, as in DuckDB (Calcite's default puts them first in DESC)
    p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), "LAST");
    p.setProperty(
        CalciteConnectionProperty.PARSER_FACTORY.camelName(),
        SqlBabelParserImpl.class.getName() + "#FACTORY");
    p.setProperty(CalciteConnectionProperty.FUN.camelName(), "standard,postgresql");
    p.setProperty(
        CalciteConnectionProperty.TYPE_SYSTEM.camelName(),
        BucketTypeSystem.class.getName() + "#INSTANCE");
    return p;
  }
}
