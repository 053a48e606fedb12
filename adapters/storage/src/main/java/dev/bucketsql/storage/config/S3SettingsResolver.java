package dev.bucketsql.storage.config;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.StorageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link S3Settings} from several sources, the first that has a value winning:
 *
 * <ol>
 *   <li>the caller's key/value map (keys in {@link SettingKeys}; {@code user} and {@code password}
 *       are aliases of {@code accessKeyId} and {@code secretAccessKey});
 *   <li>the profile named by the {@code profile} key or else by {@code AWS_PROFILE}, read from the
 *       credentials file and the config file (credentials file first);
 *   <li>the environment: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
 *       AWS_SESSION_TOKEN}, {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}, {@code
 *       AWS_REGION} / {@code AWS_DEFAULT_REGION};
 *   <li>the {@code default} profile, when no profile was named.
 * </ol>
 *
 * <p>Credentials are taken as a unit from the first source that has any of them, so a key id from
 * one source is never paired with a secret from another. The files are {@code
 * credentialsFile}/{@code configFile} if given, else {@code AWS_SHARED_CREDENTIALS_FILE}/ {@code
 * AWS_CONFIG_FILE}, else {@code ~/.aws/credentials} and {@code ~/.aws/config}. The environment and
 * home directory are injected, so tests never see the real ones.
 */
public final class S3SettingsResolver {
  private static final Logger LOG = LoggerFactory.getLogger(S3SettingsResolver.class);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");
  private static final String DEFAULT_PROFILE = "default";

  private final Map<String, String> environment;
  private final Path homeDirectory;

  /**
   * A resolver reading {@code environment} instead of the process environment and looking for
   * {@code .aws/} under {@code homeDirectory}.
   */
  public S3SettingsResolver(Map<String, String> environment, Path homeDirectory) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.homeDirectory = requireNonNull(homeDirectory, "homeDirectory is null");
  }

  /** A resolver over this process's environment and the user's home directory. */
  public static S3SettingsResolver fromSystem() {
    return new S3SettingsResolver(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Merges {@code settings} with the profile files and the environment.
   *
   * @param settings explicit keys, highest priority (the JDBC driver passes its properties merged
   *     over the URL's query parameters)
   * @throws StorageException when a named profile or file is missing, a value is malformed, or no
   *     credentials or bucket are found; the message lists what was tried
   */
  public S3Settings resolve(Map<String, String> settings) {
    requireNonNull(settings, "settings is null");
    Map<String, String> explicit = canonical(settings);

    Path credentialsPath =
        filePath(
            explicit, SettingKeys.CREDENTIALS_FILE, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
    Path configPath = filePath(explicit, SettingKeys.CONFIG_FILE, "AWS_CONFIG_FILE", "config");
    ProfileFiles files =
        ProfileFiles.read(
            credentialsPath,
            explicit.containsKey(SettingKeys.CREDENTIALS_FILE),
            configPath,
            explicit.containsKey(SettingKeys.CONFIG_FILE));

    String namedBy = null;
    String profileName = explicit.get(SettingKeys.PROFILE);
    if (profileName != null) {
      namedBy = "the profile setting";
    } else if (nonBlank(environment.get("AWS_PROFILE"))) {
      profileName = environment.get("AWS_PROFILE").trim();
      namedBy = "AWS_PROFILE";
    }

    List<Source> sources = new ArrayList<>();
    sources.add(new Source("connection settings", explicit));
    if (profileName != null) {
      String name = profileName;
      String origin = namedBy;
      Map<String, String> profile =
          files
              .profile(name)
              .orElseThrow(
                  () ->
                      new StorageException(
                          "profile '"
                              + name
                              + "' (named by "
                              + origin
                              + ") is not in "
                              + files.describe()
                              + "; profiles found: "
                              + listOrNone(files.profileNames())
                              + "; fix the profile name or the file paths"));
      sources.add(new Source("profile '" + name + "' in " + files.describe(), profile));
    }
    sources.add(new Source("environment variables", fromEnvironment()));
    if (profileName == null) {
      Optional<Map<String, String>> defaults = files.profile(DEFAULT_PROFILE);
      defaults.ifPresent(
          p -> sources.add(new Source("profile 'default' in " + files.describe(), p)));
    }
    return build(sources, files, profileName);
  }

  private S3Settings build(List<Source> sources, ProfileFiles files, String profileName) {
    S3Settings.Builder b = S3Settings.builder();
    first(sources, SettingKeys.ENDPOINT).ifPresent(v -> b.endpoint(parseEndpoint(v)));
    first(sources, SettingKeys.REGION).ifPresent(b::region);
    first(sources, SettingKeys.PATH_STYLE).ifPresent(v -> b.pathStyle(parsePathStyle(v)));
    first(sources, SettingKeys.PREFIX).ifPresent(b::prefix);
    first(sources, SettingKeys.MAX_CONNECTIONS)
        .ifPresent(v -> b.maxConnections(parseInt(SettingKeys.MAX_CONNECTIONS, v)));
    first(sources, SettingKeys.MAX_ATTEMPTS)
        .ifPresent(v -> b.maxAttempts(parseInt(SettingKeys.MAX_ATTEMPTS, v)));
    first(sources, SettingKeys.CONNECT_TIMEOUT)
        .ifPresent(v -> b.connectTimeout(parseDuration(SettingKeys.CONNECT_TIMEOUT, v)));
    first(sources, SettingKeys.SOCKET_TIMEOUT)
        .ifPresent(v -> b.socketTimeout(parseDuration(SettingKeys.SOCKET_TIMEOUT, v)));
    first(sources, SettingKeys.RETRY_BASE_DELAY)
        .ifPresent(v -> b.retryBaseDelay(parseDuration(SettingKeys.RETRY_BASE_DELAY, v)));
    first(sources, SettingKeys.DATA_CACHE)
        .ifPresent(v -> b.dataCacheBytes(parseBytes(SettingKeys.DATA_CACHE, v)));

    String profileText =
        profileName != null ? "profile '" + profileName + "'" : "profile 'default'";
    String bucket =
        first(sources, SettingKeys.BUCKET)
            .orElseThrow(
                () ->
                    new StorageException(
                        "no bucket given; set bucket=NAME in the connection settings or add"
                            + " 'bucket = NAME' to "
                            + profileText
                            + " in "
                            + files.describe()));
    b.bucket(bucket);

    Source creds = null;
    for (Source s : sources) {
      if (s.values.containsKey(SettingKeys.ACCESS_KEY_ID)
          || s.values.containsKey(SettingKeys.SECRET_ACCESS_KEY)) {
        creds = s;
        break;
      }
    }
    if (creds == null) {
      throw new StorageException(
          "no S3 credentials found; tried: connection settings accessKeyId/secretAccessKey"
              + " (or user/password), "
              + (profileName != null ? profileText + " in " + files.describe() + ", " : "")
              + "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
              + (profileName == null ? profileText + " in " + files.describe() : "")
              + "; set one of them");
    }
    String keyId = creds.values.get(SettingKeys.ACCESS_KEY_ID);
    String secret = creds.values.get(SettingKeys.SECRET_ACCESS_KEY);
    if (!nonBlank(keyId)) {
      throw new StorageException(
          "the "
              + creds.name
              + " give a secret access key but no access key id; add accessKeyId (or user) there");
    }
    if (secret == null || secret.isEmpty()) {
      throw new StorageException(
          "the "
              + creds.name
              + " give access key id "
              + S3Settings.maskKeyId(keyId)
              + " but no secret access key; add secretAccessKey (or password) there");
    }
    b.credentials(keyId, secret, creds.values.get(SettingKeys.SESSION_TOKEN));
    S3Settings result = b.build();
    LOG.debug("resolved {} (credentials from {})", result, creds.name);
    return result;
  }

  private Path filePath(Map<String, String> explicit, String key, String envName, String fileName) {
    String given = explicit.get(key);
    if (given == null && nonBlank(environment.get(envName))) {
      given = environment.get(envName).trim();
    }
    if (given == null) {
      return homeDirectory.resolve(".aws").resolve(fileName);
    }
    if (given.equals("~") || given.startsWith("~/")) {
      return homeDirectory.resolve(given.substring(Math.min(2, given.length())));
    }
    return Path.of(given);
  }

  private Map<String, String> fromEnvironment() {
    Map<String, String> out = new LinkedHashMap<>();
    putFirst(out, SettingKeys.ACCESS_KEY_ID, "AWS_ACCESS_KEY_ID");
    putFirst(out, SettingKeys.SECRET_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY");
    putFirst(out, SettingKeys.SESSION_TOKEN, "AWS_SESSION_TOKEN");
    putFirst(out, SettingKeys.ENDPOINT, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    putFirst(out, SettingKeys.REGION, "AWS_REGION", "AWS_DEFAULT_REGION");
    return out;
  }

  private void putFirst(Map<String, String> out, String key, String... names) {
    for (String n : names) {
      String v = environment.get(n);
      if (nonBlank(v)) {
        out.put(key, v.trim());
        return;
      }
    }
  }

  /** Keys whose empty value means "not given": what a tool's blank login fields send. */
  private static final java.util.Set<String> CREDENTIAL_KEYS =
      java.util.Set.of(
          SettingKeys.ACCESS_KEY_ID, SettingKeys.SECRET_ACCESS_KEY, SettingKeys.SESSION_TOKEN);

  /**
   * Trims values, drops unknown keys and blank credentials, maps aliases to their keys, and refuses
   * any other blank value.
   */
  private static Map<String, String> canonical(Map<String, String> given) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        continue;
      }
      String key = e.getKey().trim();
      String canonicalKey = SettingKeys.ALIASES.getOrDefault(key, key);
      if (!SettingKeys.ALL.contains(canonicalKey)) {
        // Other layers (driver, SQL) read their own keys from the same map.
        continue;
      }
      // Secrets are kept as typed; everything else is trimmed.
      String value =
          canonicalKey.equals(SettingKeys.SECRET_ACCESS_KEY) ? e.getValue() : e.getValue().trim();
      if (value.isEmpty()) {
        if (!CREDENTIAL_KEYS.contains(canonicalKey)) {
          // An empty endpoint would otherwise mean "no endpoint", which is AWS.
          throw new StorageException(
              "setting '"
                  + key
                  + "' is empty: give it a value ("
                  + key
                  + "=VALUE), or leave it out");
        }
        continue; // a blank login field of a tool: not given
      }
      String earlier = out.get(canonicalKey);
      if (earlier != null && !earlier.equals(value)) {
        boolean secret = canonicalKey.equals(SettingKeys.SECRET_ACCESS_KEY);
        throw new StorageException(
            "two different values for "
                + canonicalKey
                + (secret ? "" : " ('" + earlier + "' and '" + value + "')")
                + ", given under both "
                + canonicalKey
                + " and its alias; keep one");
      }
      out.put(canonicalKey, value);
    }
    return out;
  }

  private static Optional<String> first(List<Source> sources, String key) {
    for (Source s : sources) {
      String v = s.values.get(key);
      if (nonBlank(v)) {
        return Optional.of(v.trim());
      }
    }
    return Optional.empty();
  }

  private static URI parseEndpoint(String v) {
    try {
      return new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    } catch (URISyntaxException e) {
      throw new StorageException(
          "endpoint '"
              + v
              + "' is not a valid URL ("
              + e.getReason()
              + "); write it like http://garage.local:3900");
    }
  }

  private static Boolean parsePathStyle(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "path" -> {
        return Boolean.TRUE;
      }
      case "false", "no", "0", "virtual" -> {
        return Boolean.FALSE;
      }
      case "auto" -> {
        return null;
      }
      default ->
          throw new StorageException(
              "pathStyle '" + v + "' is not understood; use true (path), false (virtual) or auto");
    }
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new StorageException(key + " '" + v + "' is not a whole number");
    }
  }

  /** A size ({@link ByteSizes}), 0 included. */
  static long parseBytes(String key, String v) {
    return ByteSizes.parse(v)
        .orElseThrow(
            () ->
                new StorageException(
                    key
                        + " '"
                        + v
                        + "' is not a size; write bytes (536870912) or 512m, 2g; 0 for none"));
  }

  static Duration parseDuration(String key, String v) {
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2);
      if (unit == null || unit.equals("ms")) {
        return Duration.ofMillis(n);
      }
      return unit.equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }
    try {
      return Duration.parse(v);
    } catch (RuntimeException e) {
      throw new StorageException(
          key + " '" + v + "' is not a duration; write milliseconds (5000) or 500ms, 5s, 2m");
    }
  }

  private static String listOrNone(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  private record Source(String name, Map<String, String> values) {}
}
