package dev.bucketsql.jdbc;

import dev.bucketsql.storage.config.SettingKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges a connection's settings: connection properties over URL parameters over the URL's
 * bucket and prefix. JDBC {@code user} and {@code password} are aliases for the access key id
 * and secret, since that is what a BI tool's login fields send; an empty value (a blank login
 * field) counts as not given.
 */
final class ConnectionSettings {
  private ConnectionSettings() {}

  /**
   * The merged settings by canonical key. Properties BucketSQL does not know are ignored (tools
   * add their own); an unknown URL parameter is an error, raised by the URL parser.
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
      BucketSqlUrl.knownKey(name).ifPresent(key -> fromProperties.put(key, value));
    }

    Map<String, String> settings = normalize(fromUrl);
    settings.putAll(normalize(fromProperties));
    return settings;
  }

  private static Map<String, String> normalize(Map<String, String> source) {
    Map<String, String> result = new LinkedHashMap<>();
    source.forEach(
        (key, value) -> {
          if (value == null || value.isEmpty()) {
            return;
          }
          result.put(SettingKeys.ALIASES.getOrDefault(key, key), value);
        });
    return result;
  }
}
