package dev.bucketsql.calcite.engine;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Functions DuckDB and PostgreSQL users type that Calcite's libraries lack, added to a
 * connection's root schema on its first statement: {@code date_trunc('month', d)} (see {@link
 * DateTrunc}).
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
  }
}
