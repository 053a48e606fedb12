package dev.bucketsql.jdbc.meta;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.catalog.Remarked;
import java.util.Optional;
import org.apache.calcite.schema.Table;

/** The REMARKS of a table and its columns, from its catalog entry. */
final class Remarks {
  private Remarks() {}

  static String table(Table table) {
    return remarked(table).map(Remarked::remarks).orElse(null);
  }

  static String column(Table table, String column) {
    return remarked(table).flatMap(r -> r.columnRemarks(column)).orElse(null);
  }

  private static Optional<Remarked> remarked(Table table) {
    BucketTable bucketTable =
        table instanceof org.apache.calcite.schema.Wrapper w ? w.unwrap(BucketTable.class) : null;
    if (bucketTable != null && bucketTable.file() instanceof Remarked r) {
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
