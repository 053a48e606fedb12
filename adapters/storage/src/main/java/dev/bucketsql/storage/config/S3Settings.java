package dev.bucketsql.storage.config;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.StorageException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything needed to reach one bucket (and optionally a prefix inside it): endpoint, region,
 * addressing style, credentials, connection pool size, timeouts and retry bounds. Immutable; build
 * with {@link #builder()} or resolve with {@link S3SettingsResolver}.
 *
 * <p>{@link #toString()} never shows the secret or the session token, and shows only the first four
 * characters of the access key id.
 */
public final class S3Settings {
  /** Region used when none is given: S3-compatible servers often accept any, AWS redirects. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** Default size of the HTTP connection pool, sized for parallel ranged reads. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** Default TCP connect timeout: an unreachable endpoint fails quickly instead of hanging. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default time to wait for the next bytes of an answer. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

  /** Default attempts per request (first try included). */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /**
   * Default bytes of object ranges kept in memory for later reads ({@code dataCache}): the system
   * property {@code bucketsql.dataCache} (bytes), else an eighth of the JVM's maximum heap, at most
   * 1 GiB. The caches of a JVM hold together at most the largest size any of them was given.
   */
  public static final long DEFAULT_DATA_CACHE_BYTES =
      Long.getLong("bucketsql.dataCache", Math.min(Runtime.getRuntime().maxMemory() / 8, 1L << 30));

  /** Default base of the exponential backoff between attempts. */
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);

  private final URI endpoint;
  private final String region;
  private final Boolean pathStyle;
  private final String bucket;
  private final String prefix;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final int maxConnections;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final long dataCacheBytes;

  private S3Settings(Builder b) {
    this.endpoint = b.endpoint;
    this.region = b.region == null || b.region.isBlank() ? DEFAULT_REGION : b.region.trim();
    this.pathStyle = b.pathStyle;
    if (b.bucket == null || b.bucket.isBlank()) {
      throw new StorageException(
          "no bucket given; set bucket=NAME in the connection settings or in the profile");
    }
    this.bucket = b.bucket.trim();
    this.prefix = normalizePrefix(b.prefix);
    if (b.accessKeyId == null || b.accessKeyId.isBlank()) {
      throw new StorageException("no access key id given; set accessKeyId (or user)");
    }
    if (b.secretAccessKey == null || b.secretAccessKey.isEmpty()) {
      throw new StorageException(
          "no secret access key given for key id "
              + maskKeyId(b.accessKeyId)
              + "; set secretAccessKey (or password)");
    }
    this.accessKeyId = b.accessKeyId.trim();
    this.secretAccessKey = b.secretAccessKey;
    this.sessionToken = b.sessionToken == null || b.sessionToken.isEmpty() ? null : b.sessionToken;
    this.maxConnections = positive(b.maxConnections, "maxConnections");
    this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
    this.socketTimeout = positive(b.socketTimeout, "socketTimeout");
    this.maxAttempts = positive(b.maxAttempts, "maxAttempts");
    this.retryBaseDelay = requireNonNull(b.retryBaseDelay, "retryBaseDelay is null");
    if (retryBaseDelay.isNegative()) {
      throw new StorageException("retryBaseDelay must not be negative: " + retryBaseDelay);
    }
    if (b.dataCacheBytes < 0) {
      throw new StorageException(
          "dataCache must not be negative: " + b.dataCacheBytes + "; 0 turns the cache off");
    }
    this.dataCacheBytes = b.dataCacheBytes;
  }

  /** A builder with the defaults above; bucket and credentials must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this object's values, to change a few. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.region = region;
    b.pathStyle = pathStyle;
    b.bucket = bucket;
    b.prefix = prefix;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.sessionToken = sessionToken;
    b.maxConnections = maxConnections;
    b.connectTimeout = connectTimeout;
    b.socketTimeout = socketTimeout;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelay = retryBaseDelay;
    b.dataCacheBytes = dataCacheBytes;
    return b;
  }

  /** The endpoint, e.g. {@code http://garage:3900}, or null for AWS S3 itself. */
  public URI endpoint() {
    return endpoint;
  }

  /** The endpoint as users see it in messages: the override, or AWS's regional endpoint. */
  public String endpointForMessages() {
    return endpoint != null ? endpoint.toString() : "https://s3." + region + ".amazonaws.com";
  }

  /** The signing region; {@value #DEFAULT_REGION} when none was given. */
  public String region() {
    return region;
  }

  /** The addressing style as given: true path-style, false virtual-host, null automatic. */
  public Boolean pathStyle() {
    return pathStyle;
  }

  /**
   * Whether requests use path-style URLs: the explicit setting if any, else true for every endpoint
   * that is not AWS's own, since S3-compatible servers rarely have wildcard DNS.
   */
  public boolean usePathStyle() {
    if (pathStyle != null) {
      return pathStyle;
    }
    return endpoint != null && !isAwsHost(endpoint.getHost());
  }

  /** The bucket name. */
  public String bucket() {
    return bucket;
  }

  /** The key prefix the store is rooted at: empty, or ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** The access key id. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The access key id shortened for messages: its first four characters and an ellipsis. */
  public String maskedAccessKeyId() {
    return maskKeyId(accessKeyId);
  }

  /** The secret access key. Never log or print it. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** The session token of temporary credentials, or null. Never log or print it. */
  public String sessionToken() {
    return sessionToken;
  }

  /** The size of the HTTP connection pool. */
  public int maxConnections() {
    return maxConnections;
  }

  /** How long to wait for a TCP connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for the next bytes of an answer. */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** Attempts per request, the first one included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Base of the exponential backoff (with full jitter) between attempts. */
  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  /** Bytes of object ranges kept in memory for later reads; 0 when none are kept. */
  public long dataCacheBytes() {
    return dataCacheBytes;
  }

  /** The first four characters of {@code keyId} and an ellipsis, for messages. */
  public static String maskKeyId(String keyId) {
    if (keyId == null) {
      return "(none)";
    }
    String k = keyId.trim();
    return (k.length() <= 4 ? k : k.substring(0, 4)) + "\u2026";
  }

  static boolean isAwsHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".amazonaws.com") || h.endsWith(".amazonaws.com.cn");
  }

  private static String normalizePrefix(String p) {
    if (p == null || p.isEmpty() || p.equals("/")) {
      return "";
    }
    String s = p.startsWith("/") ? p.substring(1) : p;
    return s.endsWith("/") ? s : s + "/";
  }

  private static int positive(int value, String name) {
    if (value <= 0) {
      throw new StorageException(name + " must be positive, was " + value);
    }
    return value;
  }

  private static Duration positive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new StorageException(name + " must be positive, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "S3Settings{endpoint="
        + endpointForMessages()
        + ", region="
        + region
        + ", pathStyle="
        + usePathStyle()
        + ", bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", accessKeyId="
        + maskedAccessKeyId()
        + ", secretAccessKey=****"
        + (sessionToken != null ? ", sessionToken=****" : "")
        + ", maxConnections="
        + maxConnections
        + ", connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", dataCache="
        + dataCacheBytes
        + "}";
  }

  /** Collects values for {@link S3Settings}; not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private String region;
    private Boolean pathStyle;
    private String bucket;
    private String prefix = "";
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
    private long dataCacheBytes = DEFAULT_DATA_CACHE_BYTES;

    private Builder() {}

    /**
     * The endpoint ({@code http://} or {@code https://}), or null for AWS S3.
     *
     * @throws StorageException if it is not an absolute http(s) URI with a host
     */
    public Builder endpoint(URI endpoint) {
      if (endpoint != null) {
        String scheme = endpoint.getScheme();
        if (scheme == null
            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || endpoint.getHost() == null) {
          throw new StorageException(
              "endpoint '"
                  + endpoint
                  + "' is not an http:// or https:// URL with a host;"
                  + " write it like http://garage.local:3900");
        }
      }
      this.endpoint = endpoint;
      return this;
    }

    /** The signing region; null or blank means {@value #DEFAULT_REGION}. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** True for path-style URLs, false for virtual-host style, null to decide by endpoint. */
    public Builder pathStyle(Boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /** The bucket name (required). */
    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    /** A key prefix to root the store at; a missing trailing {@code /} is added. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** The access key id and secret (both required) and an optional session token. */
    public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      this.sessionToken = sessionToken;
      return this;
    }

    /** The HTTP connection pool size. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** The TCP connect timeout. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The read (socket) timeout. */
    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
      return this;
    }

    /** Attempts per request, the first one included. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Base of the exponential backoff between attempts. */
    public Builder retryBaseDelay(Duration retryBaseDelay) {
      this.retryBaseDelay = retryBaseDelay;
      return this;
    }

    /** Bytes of object ranges kept in memory for later reads; 0 keeps none. */
    public Builder dataCacheBytes(long dataCacheBytes) {
      this.dataCacheBytes = dataCacheBytes;
      return this;
    }

    /**
     * Checks the values and builds the settings.
     *
     * @throws StorageException naming the missing or invalid value
     */
    public S3Settings build() {
      return new S3Settings(this);
    }
  }
}
