package dev.bucketsql.calcite.catalog;

import dev.bucketsql.format.ColumnType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hive-style partition folders ({@code year=2018/month=01/}): parsing a folder name, and inferring
 * a partition column's type from all its values.
 */
final class HivePartitions {
  /** The value Hive and Spark write for a NULL partition value. */
  static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private HivePartitions() {}

  /** A folder name {@code name=value}, decoded, or empty if the folder is not a partition. */
  static Optional<Segment> parse(String folderName) {
    int eq = folderName.indexOf('=');
    if (eq <= 0 || folderName.indexOf('=', eq + 1) >= 0) {
      return Optional.empty();
    }
    String name = decode(folderName.substring(0, eq));
    String raw = decode(folderName.substring(eq + 1));
    return Optional.of(new Segment(name, raw.equals(DEFAULT_PARTITION) ? null : raw));
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * The narrowest type all non-null {@code values} read as: BIGINT, DATE (ISO {@code yyyy-MM-dd}),
   * BOOLEAN, else VARCHAR. Integers are BIGINT however small, as DuckDB types them, so a partition
   * column has the same type in both engines and whatever values a listing happens to hold.
   */
  static ColumnType inferType(Collection<String> values) {
    boolean allLong = true;
    boolean allDate = true;
    boolean allBool = true;
    boolean any = false;
    for (String v : values) {
      if (v == null) {
        continue;
      }
      any = true;
      allLong &= INTEGER.matcher(v).matches();
      allDate &= isDate(v);
      allBool &= v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }
    if (!any) {
      return ColumnType.VARCHAR;
    }
    if (allLong) {
      return ColumnType.BIGINT;
    }
    if (allDate) {
      return ColumnType.DATE;
    }
    return allBool ? ColumnType.BOOLEAN : ColumnType.VARCHAR;
  }

  /** {@code value} (non-null) in the representation of {@code type}, as inferred above. */
  static Comparable<?> convert(String value, ColumnType type) {
    return switch (type) {
      case INTEGER -> Integer.valueOf(Long.valueOf(value).intValue());
      case BIGINT -> Long.valueOf(value);
      case DATE -> Integer.valueOf((int) LocalDate.parse(value).toEpochDay());
      case BOOLEAN -> Boolean.valueOf(value.toLowerCase(java.util.Locale.ROOT));
      default -> value;
    };
  }

  private static boolean isDate(String v) {
    if (!DATE.matcher(v).matches()) {
      return false;
    }
    try {
      LocalDate.parse(v);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * One {@code name=value} folder.
   *
   * @param name the partition column
   * @param value the decoded value, or null for Hive's default partition
   */
  record Segment(String name, String value) {}
}
