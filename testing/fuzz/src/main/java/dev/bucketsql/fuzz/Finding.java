package dev.bucketsql.fuzz;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A query whose answer on BucketSQL, in at least one configuration, differs from DuckDB's.
 *
 * @param query the query
 * @param duck DuckDB's outcome
 * @param outcomes BucketSQL's outcome per configuration
 * @param differences the difference per configuration that differs
 */
record Finding(
    FuzzQuery query,
    Outcome duck,
    Map<Engines.Config, Outcome> outcomes,
    Map<Engines.Config, Difference> differences) {

  /** Runs {@code query} everywhere; null when every configuration agrees with DuckDB. */
  static Finding check(Engines engines, FuzzQuery query, Stats stats) {
    return check(engines, query, stats, List.of(Engines.Config.values()));
  }

  /** Runs {@code query} on DuckDB and in {@code configs}; null when they agree with DuckDB. */
  static Finding check(
      Engines engines, FuzzQuery query, Stats stats, List<Engines.Config> configs) {
    String sql = query.sql();
    Outcome duck = engines.duckDb(query.duckSql());
    Map<Engines.Config, Outcome> outcomes = new EnumMap<>(Engines.Config.class);
    Map<Engines.Config, Difference> differences = new EnumMap<>(Engines.Config.class);
    for (Engines.Config config : configs) {
      Outcome bucket = engines.bucketSql(config, sql);
      outcomes.put(config, bucket);
      if (stats != null && config == Engines.Config.DEFAULT) {
        stats.observe(bucket, duck);
      }
      Difference d = Difference.of(bucket, duck, query.ordered());
      if (d != null) {
        differences.put(config, d);
      }
    }
    return differences.isEmpty()
        ? null
        : new Finding(query, duck, Map.copyOf(outcomes), Map.copyOf(differences));
  }

  /**
   * The category: the difference's key, and which configurations show it when not all do (a
   * difference only with fused operators or only with pushdown points at that part).
   */
  String category() {
    List<String> keys =
        differences.values().stream().map(Difference::key).distinct().sorted().toList();
    String key = String.join(" | ", keys);
    if (differences.size() == Engines.Config.values().length && keys.size() == 1) {
      return key;
    }
    String configs =
        differences.keySet().stream().sorted().map(c -> c.label).collect(Collectors.joining(", "));
    return key + " [only " + configs + "]";
  }

  /** The difference of the default configuration, else of any. */
  Difference first() {
    Difference d = differences.get(Engines.Config.DEFAULT);
    return d != null ? d : differences.values().iterator().next();
  }

  /** Whether some configuration's difference is of {@code kind}. */
  boolean has(Difference.Kind kind) {
    return differences.values().stream().anyMatch(d -> d.kind() == kind);
  }

  /** Whether every configuration's difference satisfies {@code test}. */
  boolean all(java.util.function.Predicate<Difference> test) {
    return differences.values().stream().allMatch(test);
  }

  /** The report: the query for both engines and each side's answer. */
  String report() {
    StringBuilder out = new StringBuilder();
    out.append("  category:  ").append(category()).append('\n');
    out.append("  query:     ").append(query.sql()).append('\n');
    if (!query.sql().equals(query.duckSql())) {
      out.append("  DuckDB's:  ").append(query.duckSql()).append('\n');
    }
    out.append("  ordered:   ").append(query.ordered()).append('\n');
    out.append("  differs:   ").append(first().detail()).append('\n');
    Outcome b = outcomes.get(Engines.Config.DEFAULT);
    out.append("  BucketSQL: ").append(b.describe()).append('\n');
    for (Map.Entry<Engines.Config, Outcome> e : outcomes.entrySet()) {
      if (e.getKey() != Engines.Config.DEFAULT && !e.getValue().equals(b)) {
        out.append("  BucketSQL (")
            .append(e.getKey().label)
            .append("): ")
            .append(e.getValue().describe())
            .append('\n');
      }
    }
    out.append("  DuckDB:    ").append(duck.describe()).append('\n');
    return out.toString();
  }
}
