package dev.bucketsql.calcite.engine;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Functions DuckDB and PostgreSQL users type that Calcite's libraries lack, added to a
 * connection's root schema on its first statement: {@code date_trunc('month', d)} ({@link
 * DateTrunc}), {@code strftime(d, '%Y-%m')} ({@link DateFormat}), {@code date_diff('day', a, b)}
 * and {@code datediff} ({@link DateDiff}). The quantile aggregates are operators of {@link
 * DuckDbOperators}, typed per argument as DuckDB types them.
 */
final class EngineFunctions {
  private static final Set<CalciteSchema> INSTALLED =
      Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

  private EngineFunctions() {}

  /** Adds the functions to {@code root} unless they are there already. */
  static void install(CalciteSchema root) {
    if (!INSTALLED.add(root)) {
      return;
    }
    // two overloads under one name: Calcite picks by argument type
    root.plus().add("date_trunc", ScalarFunctionImpl.create(DateTrunc.class, "truncDate"));
    root.plus().add("date_trunc", ScalarFunctionImpl.create(DateTrunc.class, "truncTimestamp"));
    for (String method : List.of("formatDate", "formatTimestamp", "formatDateFirst", "formatTimestampFirst")) {
      root.plus().add("strftime", ScalarFunctionImpl.create(DateFormat.class, method));
    }
    for (String name : List.of("date_diff", "datediff")) {
      for (String method : List.of("diffDates", "diffTimestamps", "diffDateTimestamp", "diffTimestampDate")) {
        root.plus().add(name, ScalarFunctionImpl.create(DateDiff.class, method));
      }
    }
  }
}
