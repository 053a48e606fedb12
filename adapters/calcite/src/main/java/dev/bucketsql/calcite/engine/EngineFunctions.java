package dev.bucketsql.calcite.engine;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * Functions DuckDB and PostgreSQL users type that Calcite's libraries lack, added to a connection's
 * root schema on its first statement: {@code date_trunc('month', d)} ({@link DateTrunc}), {@code
 * strftime(d, '%Y-%m')} ({@link DateFormat}), {@code date_diff('day', a, b)} and {@code datediff}
 * ({@link DateDiff}), {@code date_sub('month', a, b)} ({@link DateSub}), {@code strptime(s,
 * '%d/%m/%Y')} ({@link DateParse}), {@code epoch} and {@code epoch_ms} ({@link Epoch}), {@code
 * regexp_matches} and {@code regexp_extract} ({@link DuckDbRegex}), {@code contains}, {@code
 * prefix}, {@code suffix}, {@code ends_with} ({@link DuckDbStrings}), {@code make_date} and {@code
 * make_timestamp} ({@link DateArithmeticFunctions}), {@code ltrim} and {@code rtrim} of characters,
 * {@code strlen}, {@code bit_length}, {@code xor}, {@code instr} ({@link DuckDbTextFunctions}),
 * {@code gcd}, {@code lcm}, {@code isnan}, {@code isinf}, {@code isfinite}, {@code dayname}, {@code
 * monthname}, {@code epoch_us} ({@link DuckDbMathDateFunctions}); {@code len} of a string or a list
 * is in {@link ListOperators}. The quantile aggregates are operators of {@link DuckDbOperators},
 * typed per argument as DuckDB types them.
 */
final class EngineFunctions {
  private static final Set<CalciteSchema> INSTALLED =
      Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

  private EngineFunctions() {}

  /** Adds the functions to {@code root} unless they are there already. */
  static void install(CalciteSchema root) {
    // Each statement sees a new snapshot of the root, whose functions are the connection's:
    // look for them, or every statement would add them again and a call with a NULL argument
    // would find several equal overloads (an assertion in Calcite's overload resolution).
    if (!INSTALLED.add(root) || !root.getFunctions("strptime", true).isEmpty()) {
      return;
    }
    // two overloads under one name: Calcite picks by argument type
    root.plus().add("date_trunc", ScalarFunctionImpl.create(DateTrunc.class, "truncDate"));
    root.plus().add("date_trunc", ScalarFunctionImpl.create(DateTrunc.class, "truncTimestamp"));
    for (String method :
        List.of("formatDate", "formatTimestamp", "formatDateFirst", "formatTimestampFirst")) {
      root.plus().add("strftime", ScalarFunctionImpl.create(DateFormat.class, method));
    }
    for (String name : List.of("date_diff", "datediff")) {
      for (String method :
          List.of("diffDates", "diffTimestamps", "diffDateTimestamp", "diffTimestampDate")) {
        root.plus().add(name, ScalarFunctionImpl.create(DateDiff.class, method));
      }
    }
    for (String method :
        List.of("subDates", "subTimestamps", "subDateTimestamp", "subTimestampDate")) {
      root.plus().add("date_sub", ScalarFunctionImpl.create(DateSub.class, method));
    }
    installDuckDb(root);
  }

  private static void installDuckDb(CalciteSchema root) {
    root.plus().add("strptime", ScalarFunctionImpl.create(DateParse.class, "parse"));
    for (String method : List.of("millisOfTimestamp", "millisOfDate", "timestampOfMillis")) {
      root.plus().add("epoch_ms", ScalarFunctionImpl.create(Epoch.class, method));
    }
    root.plus().add("regexp_matches", ScalarFunctionImpl.create(DuckDbRegex.class, "matches"));
    root.plus()
        .add("regexp_matches", ScalarFunctionImpl.create(DuckDbRegex.class, "matchesWithOptions"));
    root.plus().add("regexp_extract", ScalarFunctionImpl.create(DuckDbRegex.class, "extract"));
    root.plus().add("regexp_extract", ScalarFunctionImpl.create(DuckDbRegex.class, "extractGroup"));
    root.plus().add("contains", ScalarFunctionImpl.create(DuckDbStrings.class, "contains"));
    root.plus().add("prefix", ScalarFunctionImpl.create(DuckDbStrings.class, "prefix"));
    root.plus().add("suffix", ScalarFunctionImpl.create(DuckDbStrings.class, "suffix"));
    root.plus().add("ends_with", ScalarFunctionImpl.create(DuckDbStrings.class, "suffix"));
    root.plus()
        .add("make_date", ScalarFunctionImpl.create(DateArithmeticFunctions.class, "makeDate"));
    root.plus()
        .add(
            "make_timestamp",
            ScalarFunctionImpl.create(DateArithmeticFunctions.class, "makeTimestamp"));
    for (String method : List.of("ltrim", "rtrim", "instr", "strlen", "xor")) {
      root.plus().add(method, ScalarFunctionImpl.create(DuckDbTextFunctions.class, method));
    }
    root.plus()
        .add("bit_length", ScalarFunctionImpl.create(DuckDbTextFunctions.class, "bitLength"));
    for (String method : List.of("gcd", "lcm", "isnan", "isinf", "isfinite")) {
      root.plus().add(method, ScalarFunctionImpl.create(DuckDbMathDateFunctions.class, method));
    }
    for (String name : List.of("dayname", "monthname")) {
      root.plus()
          .add(name, ScalarFunctionImpl.create(DuckDbMathDateFunctions.class, name + "OfDate"));
      root.plus()
          .add(
              name, ScalarFunctionImpl.create(DuckDbMathDateFunctions.class, name + "OfTimestamp"));
    }
    root.plus()
        .add("epoch_us", ScalarFunctionImpl.create(DuckDbMathDateFunctions.class, "microsOfDate"));
    root.plus()
        .add(
            "epoch_us",
            ScalarFunctionImpl.create(DuckDbMathDateFunctions.class, "microsOfTimestamp"));
  }
}
