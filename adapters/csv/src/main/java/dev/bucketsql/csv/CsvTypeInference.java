package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Infers one column's type from the sample's values, as DuckDB's CSV sniffer does. The narrowest
 * type that every non-null value fits wins, in the order BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP;
 * otherwise, or when the sample holds no value at all, VARCHAR.
 *
 * <p>Integers are BIGINT, never INTEGER, even when the sample's values fit 32 bits: a sample says
 * nothing of the rest of the object, sums and products of 32-bit ids overflow, and DuckDB reads the
 * same file as BIGINT. A column is INTEGER only when the options declare it so.
 *
 * <p>An integer beyond BIGINT's range makes the whole column VARCHAR, not DOUBLE or DECIMAL: DOUBLE
 * would round it and DECIMAL precision in SQL engines is bounded, while VARCHAR keeps the exact
 * text and can be cast on demand.
 */
final class CsvTypeInference {
  private static final List<ColumnType> CANDIDATES =
      List.of(
          ColumnType.BOOLEAN,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.DATE,
          ColumnType.TIMESTAMP);

  private int candidates = (1 << CANDIDATES.size()) - 1;
  private boolean sawValue;

  /** Takes one trimmed, non-empty value into account. */
  void accept(String text) {
    sawValue = true;
    if (candidates == 0) {
      return;
    }
    if (CsvValues.isPlainInteger(text) && CsvValues.parseLong(text) == null) {
      candidates = 0;
      return;
    }
    for (int i = 0; i < CANDIDATES.size(); i++) {
      int bit = 1 << i;
      if ((candidates & bit) != 0 && CsvValues.parse(text, CANDIDATES.get(i)) == CsvValues.NO_FIT) {
        candidates &= ~bit;
      }
    }
  }

  /** The inferred type. */
  ColumnType result() {
    if (!sawValue) {
      return ColumnType.VARCHAR;
    }
    for (int i = 0; i < CANDIDATES.size(); i++) {
      if ((candidates & (1 << i)) != 0) {
        return CANDIDATES.get(i);
      }
    }
    return ColumnType.VARCHAR;
  }
}
