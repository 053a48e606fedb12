package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.csv.CsvSettings;
import dev.bucketsql.storage.config.SettingKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:bucketsql:[s3://BUCKET[/PREFIX]][?key=value&key=value...]} URL.
 *
 * <p>Keys are matched without regard to case and reported in their canonical spelling; values are
 * percent-decoded. An unknown key is an error, so a typo does not silently fall back to a default.
 */
public final class BucketSqlUrl {
  /** The prefix every BucketSQL URL starts with. */
  public static final String PREFIX = "jdbc:bucketsql:";

  private static final Map<String, String> CANONICAL_KEYS = canonicalKeys();

  /** Characters that end a bucket name and start a parameter in other drivers' URLs. */
  private static final Pattern PARAMETER_SEPARATORS = Pattern.compile("[;&=]");

  private static final Pattern GLUED_PARAMETER = Pattern.compile("[;&]([A-Za-z]+)=");
  private static final Set<String> SECRET_KEYS =
      Set.of(SettingKeys.SECRET_ACCESS_KEY, SettingKeys.SESSION_TOKEN, "password");

  private final String bucket;
  private final String prefix;
  private final Map<String, String> parameters;

  private BucketSqlUrl(String bucket, String prefix, Map<String, String> parameters) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  private static Map<String, String> canonicalKeys() {
    Map<String, String> keys = new TreeMap<>();
    for (String key : SettingKeys.ALL) {
      keys.put(key.toLowerCase(Locale.ROOT), key);
    }
    for (String key : CatalogKeys.ALL) {
      keys.put(key.toLowerCase(Locale.ROOT), key);
    }
    for (String alias : SettingKeys.ALIASES.keySet()) {
      keys.put(alias.toLowerCase(Locale.ROOT), alias);
    }
    return keys;
  }

  /** Whether the path holds {@code ;key=} or {@code &key=} for a setting key. */
  private static boolean looksLikeParameters(String path) {
    Matcher m = GLUED_PARAMETER.matcher(path);
    while (m.find()) {
      if (knownKey(m.group(1)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} up to a parameter separator, safe to quote: what follows may be a secret. */
  private static String upToParameters(String text) {
    Matcher m = PARAMETER_SEPARATORS.matcher(text);
    return m.find() ? text.substring(0, m.start()) + "\u2026" : text;
  }

  /** Whether {@code url} is a BucketSQL URL. */
  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and how the URL should
   *     look
   */
  public static BucketSqlUrl parse(String url) {
    requireNonNull(url, "url is null");
    if (!accepts(url)) {
      throw new IllegalArgumentException("not a BucketSQL URL: it must start with " + PREFIX);
    }
    String rest = url.substring(PREFIX.length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String bucket = null;
    String prefix = "";
    if (!rest.isEmpty()) {
      if (!rest.regionMatches(true, 0, "s3://", 0, 5)) {
        throw new IllegalArgumentException(
            "expected s3://BUCKET[/PREFIX] after "
                + PREFIX
                + ", found '"
                + upToParameters(rest)
                + "'; the URL grammar is "
                + PREFIX
                + "[s3://BUCKET[/PREFIX]][?key=value&...]");
      }
      String path = rest.substring(5);
      int slash = path.indexOf('/');
      bucket = slash < 0 ? path : path.substring(0, slash);
      prefix = slash < 0 ? "" : decode(path.substring(slash + 1));
      if (bucket.isEmpty()) {
        throw new IllegalArgumentException("the bucket name after s3:// is empty");
      }
      // A parameter list glued to the path ("s3://b;password=..." or "s3://b&password=...")
      // would become part of the bucket or prefix, and be echoed in messages and metadata.
      if (PARAMETER_SEPARATORS.matcher(bucket).find() || looksLikeParameters(path)) {
        throw new IllegalArgumentException(
            "the bucket after s3:// is followed by parameters without '?'; write "
                + PREFIX
                + "s3://BUCKET[/PREFIX]?key=value&key=value");
      }
      if (!prefix.isEmpty() && !prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
    }
    return new BucketSqlUrl(bucket, prefix, parseQuery(query));
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawKey = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String key = canonicalKey(rawKey);
      if (value.isEmpty()) {
        // '?endpoint&region=x' must not mean "no endpoint", which is AWS
        throw new IllegalArgumentException(
            "setting '"
                + rawKey
                + "' in the URL has no value: write "
                + key
                + "=VALUE, or leave the key out");
      }
      parameters.put(key, value);
    }
    return parameters;
  }

  /**
   * The canonical spelling of a setting key.
   *
   * @throws IllegalArgumentException for a key BucketSQL does not know, listing the known ones
   */
  public static String canonicalKey(String key) {
    return knownKey(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown setting '"
                        + key
                        + "'; known settings: "
                        + String.join(", ", SettingKeys.ALL)
                        + ", "
                        + String.join(", ", CatalogKeys.ALL)
                        + ", and CSV options as csv.<option> or csv.table.<table>.<option> with"
                        + " <option> among "
                        + String.join(", ", CsvSettings.OPTIONS)));
  }

  /**
   * The canonical key if {@code key} is a known setting (S3 and catalog keys, and the CSV options
   * {@code csv.<option>} and {@code csv.table.<table>.<option>}), else empty.
   */
  static Optional<String> knownKey(String key) {
    String canonical = CANONICAL_KEYS.get(key.toLowerCase(Locale.ROOT));
    return canonical != null ? Optional.of(canonical) : CsvSettings.canonicalKey(key);
  }

  /** Every setting key as BucketSQL spells it, aliases included (CSV options aside). */
  static java.util.Collection<String> knownKeys() {
    return CANONICAL_KEYS.values();
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 3;
          continue;
        }
      }
      out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
      i += Character.charCount(c);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The bucket named in the URL, if any; it may also come from a profile. */
  public Optional<String> bucket() {
    return Optional.ofNullable(bucket);
  }

  /** The key prefix after the bucket, empty or ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** The query parameters, by canonical key, in URL order. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The URL with secret values replaced by {@code ***}, safe for metadata and messages. */
  public String redacted() {
    StringBuilder s = new StringBuilder(PREFIX);
    if (bucket != null) {
      s.append("s3://").append(bucket);
      if (!prefix.isEmpty()) {
        s.append('/').append(prefix);
      }
    }
    char sep = '?';
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      s.append(sep).append(e.getKey()).append('=');
      s.append(SECRET_KEYS.contains(e.getKey()) ? "***" : e.getValue());
      sep = '&';
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return redacted();
  }
}
