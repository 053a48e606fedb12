package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.catalog.NearKeys;
import dev.bucketsql.storage.config.SettingKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges a connection's settings: connection properties over URL parameters over the URL's bucket
 * and prefix. JDBC {@code user} and {@code password} are aliases for the access key id and secret,
 * since that is what a BI tool's login fields send; an empty value (a blank login field) counts as
 * not given.
 */
final class ConnectionSettings {
  /** Keys whose empty value counts as not given: a BI tool's blank login fields. */
  private static final java.util.Set<String> CREDENTIALS =
      java.util.Set.of(
          SettingKeys.ACCESS_KEY_ID, SettingKeys.SECRET_ACCESS_KEY, SettingKeys.SESSION_TOKEN);

  private ConnectionSettings() {}

  /**
   * The merged settings by canonical key. Properties BucketSQL does not know are ignored (tools add
   * their own) unless they are a few edits from one of its settings; an unknown URL parameter is an
   * error, raised by the URL parser, and so is a URL parameter without a value.
   */
  static Map<String, String> merge(BucketSqlUrl url, Properties info) {
    Map<String, String> fromUrl = new LinkedHashMap<>();
    url.bucket().ifPresent(b -> fromUrl.put(SettingKeys.BUCKET, b));
    if (!url.prefix().isEmpty()) {
      fromUrl.put(SettingKeys.PREFIX, url.prefix());
    }
    fromUrl.putAll(url.parameters());

    Map<String, String> fromProperties = new LinkedHashMap<>();
    for (String name : info.stringPropertyNames()) {
      String value = info.getProperty(name);
      java.util.Optional<String> key = BucketSqlUrl.knownKey(name);
      if (key.isPresent()) {
        fromProperties.put(key.get(), value);
      } else {
        refuseNearMiss(name);
      }
    }

    Map<String, String> settings = normalize(fromUrl);
    settings.putAll(normalize(fromProperties));
    return settings;
  }

  /**
   * Fails for a property a few edits from one of BucketSQL's settings ({@code socketTimout}): a
   * typo would otherwise be ignored silently, as the properties tools add of their own are.
   */
  private static void refuseNearMiss(String name) {
    if (name.length() < 5 || name.contains(".")) {
      return;
    }
    java.util.List<String> near = NearKeys.near(BucketSqlUrl.knownKeys(), name);
    if (!near.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown connection property '"
              + name
              + "'; did you mean '"
              + near.get(0)
              + "'?"
              + " (properties a tool adds of its own are ignored, but not near misses of BucketSQL's settings)");
    }
  }

  private static Map<String, String> normalize(Map<String, String> source) {
    Map<String, String> result = new LinkedHashMap<>();
    source.forEach(
        (key, value) -> {
          String canonical = SettingKeys.ALIASES.getOrDefault(key, key);
          if (value == null || value.isEmpty()) {
            if (!CREDENTIALS.contains(canonical)) {
              // An empty endpoint must not mean "no endpoint", which is AWS.
              throw new IllegalArgumentException(
                  "connection property '" + key + "' is empty: give it a value, or leave it out");
            }
            return;
          }
          result.put(canonical, value);
        });
    return result;
  }
}
