package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.meta.DuckTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB's {@code SUMMARIZE t} and {@code SUMMARIZE SELECT ...}, as one query: a row per column
 * with DuckDB's columns {@code column_name, column_type, min, max, approx_unique, avg, std, q25,
 * q50, q75, count, null_percentage}.
 *
 * <p>Every statistic of every column is computed by one aggregate over the source, whose single row
 * is then turned into a row per column (a cross join with the column numbers and a {@code CASE} per
 * output column), so the source is read once for the plain aggregates. {@code approx_unique} is the
 * exact distinct count (DuckDB's is a HyperLogLog estimate), and the quartiles are exact: discrete
 * quantiles (a value of the column) for integers, decimals, dates and timestamps, continuous ones
 * for floating point (DuckDB's are t-digest estimates). Numbers (and the average of dates and
 * timestamps) are given as text, as DuckDB gives them.
 */
final class DuckSummarize {
  private static final String[] OUTPUTS = {
    "column_name",
    "column_type",
    "\"min\"",
    "\"max\"",
    "approx_unique",
    "\"avg\"",
    "std",
    "q25",
    "q50",
    "q75",
    "\"count\"",
    "null_percentage"
  };

  private DuckSummarize() {}

  /** The query answering {@code SUMMARIZE source}, whose result columns are {@code rowType}. */
  static String query(String source, boolean isQuery, RelDataType rowType) {
    String from = isQuery ? "(" + source + ") AS s" : source + " AS s";
    List<RelDataTypeField> fields = rowType.getFieldList();
    List<String> aggregates = new ArrayList<>();
    List<List<String>> perColumn = new ArrayList<>();
    for (RelDataTypeField f : fields) {
      perColumn.add(statistics(f, aggregates));
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int o = 0; o < OUTPUTS.length; o++) {
      sql.append(o == 0 ? "" : ", ").append("CASE k.i");
      for (int c = 0; c < fields.size(); c++) {
        sql.append(" WHEN ").append(c).append(" THEN ").append(perColumn.get(c).get(o));
      }
      sql.append(" END AS ").append(OUTPUTS[o]);
    }
    sql.append(" FROM (SELECT ")
        .append(String.join(", ", aggregates))
        .append(" FROM ")
        .append(from)
        .append(") AS a CROSS JOIN (VALUES ");
    for (int c = 0; c < fields.size(); c++) {
      sql.append(c == 0 ? "(" : ", (").append(c).append(')');
    }
    return sql.append(") AS k(i) ORDER BY k.i").toString();
  }

  /** The twelve output expressions of one column; adds the aggregates they read. */
  private static List<String> statistics(RelDataTypeField f, List<String> aggregates) {
    RelDataType type = f.getType();
    String c = "s." + quote(f.getName());
    int n = f.getIndex();
    boolean numeric = SqlTypeUtil.isNumeric(type) && !SqlTypeUtil.isBoolean(type);
    boolean temporal =
        type.getSqlTypeName() == SqlTypeName.DATE || type.getSqlTypeName() == SqlTypeName.TIMESTAMP;
    boolean comparable =
        !SqlTypeUtil.isCollection(type) && !SqlTypeUtil.isMap(type) && !type.isStruct();
    String name = "a.c" + n + "_";
    String nullText = "CAST(NULL AS VARCHAR)";
    String min = nullText;
    String max = nullText;
    String distinct = "CAST(NULL AS BIGINT)";
    if (comparable) {
      aggregates.add("CAST(MIN(" + c + ") AS VARCHAR) AS c" + n + "_min");
      aggregates.add("CAST(MAX(" + c + ") AS VARCHAR) AS c" + n + "_max");
      aggregates.add("CAST(COUNT(DISTINCT " + c + ") AS BIGINT) AS c" + n + "_distinct");
      min = name + "min";
      max = name + "max";
      distinct = name + "distinct";
    }
    String avg = nullText;
    String std = nullText;
    String[] quartiles = {nullText, nullText, nullText};
    if (numeric) {
      aggregates.add("CAST(AVG(CAST(" + c + " AS DOUBLE)) AS VARCHAR) AS c" + n + "_avg");
      aggregates.add("CAST(STDDEV_SAMP(CAST(" + c + " AS DOUBLE)) AS VARCHAR) AS c" + n + "_std");
      avg = name + "avg";
      std = name + "std";
      boolean exactType = SqlTypeUtil.isExactNumeric(type);
      String[] q = {"0.25", "0.5", "0.75"};
      for (int k = 0; k < 3; k++) {
        // a value of the column for integers and decimals, interpolated for floating point
        String quantile =
            exactType
                ? "quantile_disc(" + c + ", " + q[k] + ")"
                : "quantile_cont(CAST(" + c + " AS DOUBLE), " + q[k] + ")";
        aggregates.add("CAST(" + quantile + " AS VARCHAR) AS c" + n + "_q" + k);
        quartiles[k] = name + "q" + k;
      }
    } else if (temporal) {
      // DuckDB's average of dates is a timestamp; here to the millisecond
      aggregates.add(
          "CAST(epoch_ms(CAST(AVG(CAST(epoch_ms("
              + c
              + ") AS DOUBLE)) AS BIGINT)) AS VARCHAR) AS c"
              + n
              + "_avg");
      avg = name + "avg";
      String[] q = {"0.25", "0.5", "0.75"};
      for (int k = 0; k < 3; k++) {
        aggregates.add(
            "CAST(quantile_disc(" + c + ", " + q[k] + ") AS VARCHAR) AS c" + n + "_q" + k);
        quartiles[k] = name + "q" + k;
      }
    }
    aggregates.add("COUNT(*) AS c" + n + "_rows");
    aggregates.add("COUNT(" + c + ") AS c" + n + "_values");
    String rows = name + "rows";
    String values = name + "values";
    String nullPercentage =
        "CAST(100.0e0 * (" + rows + " - " + values + ") / NULLIF(" + rows + ", 0) AS DECIMAL(9,2))";
    return List.of(
        varchar(f.getName()),
        varchar(DuckTypes.name(type)),
        min,
        max,
        distinct,
        avg,
        std,
        quartiles[0],
        quartiles[1],
        quartiles[2],
        rows,
        nullPercentage);
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String varchar(String s) {
    return "CAST('" + s.replace("'", "''") + "' AS VARCHAR)";
  }
}
