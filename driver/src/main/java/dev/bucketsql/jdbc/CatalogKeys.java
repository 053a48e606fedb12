package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.catalog.CatalogOptions;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.storage.config.ByteSizes;
import dev.bucketsql.storage.config.SettingDescription;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The connection keys of the catalog (how the bucket is listed and cached), beside the S3 keys of
 * {@code SettingKeys}. See docs/catalog.md.
 */
final class CatalogKeys {
  /**
   * How long a listing is reused: {@code 300000}, {@code 30s}, {@code 5m}, {@code PT5M}; 0 lists
   * every time.
   */
  static final String LISTING_TTL = "listingTtl";

  /** Whether filters are pushed into scans: {@code true} (default) or {@code false}. */
  static final String PUSHDOWN = "pushdown";

  /** Whether the fused scan and join aggregates run: {@code true} (default) or {@code false}. */
  static final String FUSED = "fused";

  /**
   * Whether plans run on the execution engine where it applies: {@code true} (default) or {@code
   * false}.
   */
  static final String ENGINE = "engine";

  /**
   * Bytes one operator of a query may hold (an aggregate's groups, a sort's or a window's rows, a
   * join's in-memory side): {@code 268435456}, {@code 256m}, {@code 2g}.
   */
  static final String QUERY_MEMORY = "queryMemory";

  /** The most threads one pipeline of a query runs on: 1 and up; default the available cores. */
  static final String THREADS = ScanRegistry.THREADS_KEY;

  /** Bytes the in-memory side of one join may take, instead of {@value #QUERY_MEMORY}. */
  static final String JOIN_MEMORY = "joinMemory";

  /**
   * Whether the engine's operators spill to local disk past their memory: {@code true} (default) or
   * {@code false}.
   */
  static final String SPILL = SpillSettings.SPILL;

  /** The directory the engine's spill files go under. */
  static final String SPILL_DIRECTORY = SpillSettings.SPILL_DIRECTORY;

  /** Bytes one query's spill files may take on disk at once. */
  static final String SPILL_LIMIT = SpillSettings.SPILL_LIMIT;

  /** Every catalog key with its description, choices and default. */
  static final List<SettingDescription> DESCRIPTIONS =
      List.of(
          SettingDescription.of(
              LISTING_TTL,
              "how long a bucket listing is reused: milliseconds, 30s, 5m or PT5M; 0 lists every time",
              CatalogOptions.DEFAULT_LISTING_TTL.toMinutes() + "m"),
          SettingDescription.choice(
              PUSHDOWN,
              "whether filters are pushed into the scans of CSV and Parquet objects",
              "true",
              "true",
              "false"),
          SettingDescription.choice(
              FUSED, "whether the fused scan and join aggregates run", "true", "true", "false"),
          SettingDescription.choice(
              ENGINE,
              "whether joins, aggregates, sorts and filters run on the execution engine where it"
                  + " applies",
              "true",
              "true",
              "false"),
          SettingDescription.of(
              QUERY_MEMORY,
              "bytes one operator of a query may hold (groups, sorted rows, a join's side): a"
                  + " number, or with k, m or g (256m); default a quarter of the maximum heap",
              Long.toString(ScanRegistry.DEFAULT_QUERY_MEMORY)),
          SettingDescription.of(
              THREADS,
              "the most threads one pipeline of a query runs on (scans, filters, projections and"
                  + " aggregates over a folder's objects or a Parquet object's row groups); 1 runs"
                  + " each query on one thread",
              Integer.toString(ScanRegistry.DEFAULT_THREADS)),
          SettingDescription.of(
              JOIN_MEMORY,
              "bytes the in-memory side of one join may take, instead of " + QUERY_MEMORY,
              Long.toString(ScanRegistry.DEFAULT_JOIN_MEMORY)),
          SettingDescription.choice(
              SPILL,
              "whether the engine's joins, aggregates and sorts write to local disk past their memory"
                  + " instead of failing",
              "true",
              "true",
              "false"),
          SettingDescription.of(
              SPILL_DIRECTORY,
              "the directory spill files go under (a directory per query, removed after it)",
              SpillSettings.defaultDirectory().toString()),
          SettingDescription.of(
              SPILL_LIMIT,
              "bytes one query's spill files may take at once: a number, or with k, m or g; default a tenth"
                  + " of the free space of the spill directory's disk, at most 100g",
              ""));

  /** Every catalog key: the keys of {@link #DESCRIPTIONS}. */
  static final List<String> ALL = DESCRIPTIONS.stream().map(SettingDescription::key).toList();

  private CatalogKeys() {}

  /**
   * The catalog options from a connection's merged settings. The reader scope is made of the {@code
   * csv.*} settings, whose values change inferred CSV schemas.
   *
   * @throws IllegalArgumentException naming the key when a value is malformed
   */
  static CatalogOptions options(Map<String, String> settings) {
    Duration ttl = CatalogOptions.DEFAULT_LISTING_TTL;
    Map<String, String> scope = new TreeMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equalsIgnoreCase(LISTING_TTL)) {
        ttl = duration(LISTING_TTL, e.getValue());
      } else if (e.getKey().toLowerCase(Locale.ROOT).startsWith("csv.")) {
        scope.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
    return new CatalogOptions(ttl, scope.isEmpty() ? "" : scope.toString());
  }

  /**
   * The {@value #PUSHDOWN} setting, empty when not given (then the default applies: on, or as the
   * system property {@code bucketsql.pushdown} says).
   *
   * @throws IllegalArgumentException for a value other than true or false
   */
  static Optional<Boolean> pushdown(Map<String, String> settings) {
    return flag(settings, PUSHDOWN);
  }

  /**
   * The {@value #FUSED} setting, empty when not given (then on).
   *
   * @throws IllegalArgumentException for a value other than true or false
   */
  static Optional<Boolean> fused(Map<String, String> settings) {
    return flag(settings, FUSED);
  }

  /**
   * The {@value #ENGINE} setting, empty when not given (then on).
   *
   * @throws IllegalArgumentException for a value other than true or false
   */
  static Optional<Boolean> engine(Map<String, String> settings) {
    return flag(settings, ENGINE);
  }

  /**
   * The spill settings ({@value #SPILL}, {@value #SPILL_DIRECTORY}, {@value #SPILL_LIMIT}), empty
   * when none is given (then spilling is on, under the default directory, with the default limit).
   *
   * @throws IllegalArgumentException for a value that is not valid
   */
  static Optional<SpillSettings> spill(Map<String, String> settings) {
    Optional<Boolean> on = flag(settings, SPILL);
    Optional<Long> limit = bytes(settings, SPILL_LIMIT);
    Optional<String> directory =
        settings.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(SPILL_DIRECTORY))
            .map(e -> e.getValue().trim())
            .findFirst();
    if (on.isEmpty() && limit.isEmpty() && directory.isEmpty()) {
      return Optional.empty();
    }
    if (on.isPresent() && !on.get()) {
      return Optional.of(SpillSettings.disabled());
    }
    java.nio.file.Path dir;
    try {
      dir =
          directory
              .filter(d -> !d.isEmpty())
              .map(java.nio.file.Path::of)
              .orElse(SpillSettings.defaultDirectory());
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          "setting "
              + SPILL_DIRECTORY
              + "='"
              + directory.get()
              + "' is not valid: expected a directory path");
    }
    return Optional.of(
        new SpillSettings(true, dir, limit.orElseGet(() -> SpillSettings.defaultLimit(dir))));
  }

  private static Optional<Boolean> flag(Map<String, String> settings, String key) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        String v = e.getValue().trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
          return Optional.of(Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
        }
        throw new IllegalArgumentException(
            "setting " + key + "='" + e.getValue() + "' is not valid: expected true or false");
      }
    }
    return Optional.empty();
  }

  /**
   * The {@value #QUERY_MEMORY} setting in bytes, empty when not given: a number of bytes, or a
   * number with k, m or g (powers of 1024).
   *
   * @throws IllegalArgumentException for anything else
   */
  static Optional<Long> queryMemory(Map<String, String> settings) {
    return bytes(settings, QUERY_MEMORY);
  }

  /**
   * The {@value #JOIN_MEMORY} setting in bytes, empty when not given (then joins are bounded by
   * {@value #QUERY_MEMORY}): a number of bytes, or a number with k, m or g (powers of 1024).
   *
   * @throws IllegalArgumentException for anything else
   */
  static Optional<Long> joinMemory(Map<String, String> settings) {
    return bytes(settings, JOIN_MEMORY);
  }

  /**
   * The {@value #THREADS} setting, empty when not given (then the available cores).
   *
   * @throws IllegalArgumentException for anything but a whole number from 1 to 1024
   */
  static Optional<Integer> threads(Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equalsIgnoreCase(THREADS)) {
        String v = e.getValue().trim();
        if (v.matches("\\d{1,4}")) {
          int n = Integer.parseInt(v);
          if (n >= 1 && n <= 1024) {
            return Optional.of(n);
          }
        }
        throw new IllegalArgumentException(
            "setting "
                + THREADS
                + "='"
                + e.getValue()
                + "' is not valid: expected a number of threads from 1 to 1024 (1 runs each query"
                + " on one thread)");
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> bytes(Map<String, String> settings, String key) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        OptionalLong size = ByteSizes.parse(e.getValue());
        if (size.isPresent() && size.getAsLong() > 0) {
          return Optional.of(size.getAsLong());
        }
        throw new IllegalArgumentException(
            "setting "
                + key
                + "='"
                + e.getValue()
                + "' is not valid: expected a number of"
                + " bytes above 0, optionally with k, m or g (256m, 2g)");
      }
    }
    return Optional.empty();
  }

  static Duration duration(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.matches("\\d+")) {
        return Duration.ofMillis(Long.parseLong(v));
      }
      if (v.matches("\\d+(ms|s|m|h)")) {
        String unit = v.replaceAll("\\d+", "");
        long n = Long.parseLong(v.substring(0, v.length() - unit.length()));
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      Duration d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "setting "
            + key
            + "='"
            + value
            + "' is not a duration; write milliseconds (300000),"
            + " a number with ms, s, m or h (5m), or ISO-8601 (PT5M)");
  }
}
