package dev.bucketsql.jdbc;

import dev.bucketsql.csv.CsvSettings;
import dev.bucketsql.storage.config.SettingDescription;
import dev.bucketsql.storage.config.SettingKeys;
import java.sql.DriverPropertyInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@link BucketSqlDriver#getPropertyInfo} answers: BucketSQL's own connection keys (S3,
 * catalog and CSV settings, from the lists their parsers use), each with its description, its
 * choices when there are a few, and the value that applies (the one given, else the default).
 * Calcite's and Avatica's keys are left out: every connection fixes them ({@link CalciteSettings}),
 * so offering them would only invite settings that are ignored.
 */
final class DriverProperties {
  /** Values never echoed back: a tool may log or show the property list. */
  private static final Set<String> SECRETS =
      Set.of(SettingKeys.SECRET_ACCESS_KEY, SettingKeys.SESSION_TOKEN);

  private DriverProperties() {}

  /**
   * The property list for {@code url} and {@code info}. Values given in the URL or the properties
   * are filled in; a URL that does not parse contributes none (connecting reports it), so a tool
   * may ask while its user is still typing the URL.
   */
  static DriverPropertyInfo[] describe(String url, Properties info) {
    Map<String, String> given = new LinkedHashMap<>();
    try {
      if (BucketSqlUrl.accepts(url)) {
        given.putAll(
            ConnectionSettings.merge(
                BucketSqlUrl.parse(url), info == null ? new Properties() : info));
      }
    } catch (IllegalArgumentException e) {
      // no values to fill in; the list of keys stays the same
    }
    List<DriverPropertyInfo> result = new ArrayList<>();
    Stream.of(SettingKeys.DESCRIPTIONS, CatalogKeys.DESCRIPTIONS, CsvSettings.DESCRIPTIONS)
        .flatMap(List::stream)
        .forEach(d -> result.add(info(d, Optional.ofNullable(given.remove(d.key())))));
    // per-table CSV settings the user gave: shown with the description of their option
    given.forEach(
        (key, value) ->
            CsvSettings.DESCRIPTIONS.stream()
                .filter(d -> key.endsWith(d.key().substring(CsvSettings.PREFIX.length() - 1)))
                .findFirst()
                .ifPresent(
                    d ->
                        result.add(
                            info(
                                new SettingDescription(
                                    key,
                                    "for one table: " + d.description(),
                                    d.choices(),
                                    d.defaultValue()),
                                Optional.of(value)))));
    return result.toArray(new DriverPropertyInfo[0]);
  }

  private static DriverPropertyInfo info(SettingDescription d, Optional<String> given) {
    String value = SECRETS.contains(d.key()) ? null : given.or(d::defaultValue).orElse(null);
    DriverPropertyInfo p = new DriverPropertyInfo(d.key(), value);
    p.description =
        d.description()
            + d.defaultValue()
                .map(v -> " (default: " + (v.isEmpty() ? "empty" : v) + ")")
                .orElse("");
    p.choices = d.choices().isEmpty() ? null : d.choices().toArray(new String[0]);
    p.required = false;
    return p;
  }
}
