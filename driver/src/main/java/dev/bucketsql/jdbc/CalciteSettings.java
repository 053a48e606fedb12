package dev.bucketsql.jdbc;

import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionProperty;

/**
 * The Calcite settings every BucketSQL connection uses, so SQL reads the way our users type
 * it: unquoted names keep their case and match table names without regard to case
 * ({@code SELECT * FROM PP_recipes} and {@code pp_recipes} both work), and GROUP BY takes
 * ordinals and aliases.
 */
final class CalciteSettings {
  private CalciteSettings() {}

  static Properties properties() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
    return p;
  }
}
