package dev.bucketsql.storage.config;

import java.util.List;
import java.util.Map;

/** The setting keys {@link S3SettingsResolver} understands, and their aliases. */
public final class SettingKeys {
  /** Endpoint URL, e.g. {@code http://garage.local:3900}; absent for AWS S3. */
  public static final String ENDPOINT = "endpoint";
  /** Signing region. */
  public static final String REGION = "region";
  /** {@code true}/{@code path} or {@code false}/{@code virtual}; absent for automatic. */
  public static final String PATH_STYLE = "pathStyle";
  /** Name of the AWS profile to read. */
  public static final String PROFILE = "profile";
  /** Path of the AWS credentials file. */
  public static final String CREDENTIALS_FILE = "credentialsFile";
  /** Path of the AWS config file. */
  public static final String CONFIG_FILE = "configFile";
  /** Access key id; alias {@code user}. */
  public static final String ACCESS_KEY_ID = "accessKeyId";
  /** Secret access key; alias {@code password}. */
  public static final String SECRET_ACCESS_KEY = "secretAccessKey";
  /** Session token of temporary credentials. */
  public static final String SESSION_TOKEN = "sessionToken";
  /** Bucket name. */
  public static final String BUCKET = "bucket";
  /** Key prefix to root the store at. */
  public static final String PREFIX = "prefix";
  /** HTTP connection pool size. */
  public static final String MAX_CONNECTIONS = "maxConnections";
  /** TCP connect timeout: milliseconds, or a number with ms, s or m. */
  public static final String CONNECT_TIMEOUT = "connectTimeout";
  /** Read timeout: milliseconds, or a number with ms, s or m. */
  public static final String SOCKET_TIMEOUT = "socketTimeout";
  /** Attempts per request, the first one included. */
  public static final String MAX_ATTEMPTS = "maxAttempts";
  /** Base delay of the retry backoff: milliseconds, or a number with ms, s or m. */
  public static final String RETRY_BASE_DELAY = "retryBaseDelay";

  /** Alias keys (as JDBC tools send them) and the key each stands for. */
  public static final Map<String, String> ALIASES =
      Map.of("user", ACCESS_KEY_ID, "password", SECRET_ACCESS_KEY);

  /** Every key, aliases excluded. */
  public static final List<String> ALL =
      List.of(
          ENDPOINT, REGION, PATH_STYLE, PROFILE, CREDENTIALS_FILE, CONFIG_FILE, ACCESS_KEY_ID,
          SECRET_ACCESS_KEY, SESSION_TOKEN, BUCKET, PREFIX, MAX_CONNECTIONS, CONNECT_TIMEOUT,
          SOCKET_TIMEOUT, MAX_ATTEMPTS, RETRY_BASE_DELAY);

  private SettingKeys() {}
}
