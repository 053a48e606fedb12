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

  /**
   * Bytes of object ranges kept in memory for later reads: a number of bytes, or with k, m or g; 0
   * for none.
   */
  public static final String DATA_CACHE = "dataCache";

  /** Alias keys (as JDBC tools send them) and the key each stands for. */
  public static final Map<String, String> ALIASES =
      Map.of("user", ACCESS_KEY_ID, "password", SECRET_ACCESS_KEY);

  /**
   * Every key, aliases excluded, with its description, choices and default, in the order a tool
   * should show them.
   */
  public static final List<SettingDescription> DESCRIPTIONS =
      List.of(
          SettingDescription.of(
              ENDPOINT, "S3 endpoint URL, e.g. http://garage.local:3900; not given for AWS S3"),
          SettingDescription.of(
              REGION,
              "signing region; else AWS_REGION, the profile's region, then "
                  + S3Settings.DEFAULT_REGION),
          SettingDescription.choice(
              PATH_STYLE,
              "bucket in the URL path (true) or in the host name (false); auto: path style"
                  + " for any endpoint but AWS's own",
              "auto",
              "auto",
              "true",
              "false"),
          SettingDescription.of(
              PROFILE,
              "AWS profile to read from the config and credentials files; else"
                  + " AWS_PROFILE, else default"),
          SettingDescription.of(
              CREDENTIALS_FILE,
              "path of the AWS credentials file; else"
                  + " AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials"),
          SettingDescription.of(
              CONFIG_FILE, "path of the AWS config file; else AWS_CONFIG_FILE, else ~/.aws/config"),
          SettingDescription.of(
              ACCESS_KEY_ID, "access key id (alias: user); else the environment or the profile"),
          SettingDescription.of(
              SECRET_ACCESS_KEY,
              "secret access key (alias: password); else the environment or the profile"),
          SettingDescription.of(SESSION_TOKEN, "session token of temporary credentials"),
          SettingDescription.of(BUCKET, "bucket name, if the URL has no s3://BUCKET"),
          SettingDescription.of(
              PREFIX, "key prefix inside the bucket whose objects are the tables"),
          SettingDescription.of(
              MAX_CONNECTIONS,
              "HTTP connection pool size",
              Integer.toString(S3Settings.DEFAULT_MAX_CONNECTIONS)),
          SettingDescription.of(
              CONNECT_TIMEOUT,
              "TCP connect timeout: milliseconds, or a number with ms, s or m",
              S3Settings.DEFAULT_CONNECT_TIMEOUT.toMillis() + "ms"),
          SettingDescription.of(
              SOCKET_TIMEOUT,
              "read timeout: milliseconds, or a number with ms, s or m",
              S3Settings.DEFAULT_SOCKET_TIMEOUT.toMillis() + "ms"),
          SettingDescription.of(
              MAX_ATTEMPTS,
              "attempts per S3 request, the first one included",
              Integer.toString(S3Settings.DEFAULT_MAX_ATTEMPTS)),
          SettingDescription.of(
              RETRY_BASE_DELAY,
              "base delay of the retry backoff: milliseconds, or a number with ms, s or m",
              S3Settings.DEFAULT_RETRY_BASE_DELAY.toMillis() + "ms"),
          SettingDescription.of(
              DATA_CACHE,
              "bytes of object ranges kept in memory so that later queries fetch them no more:"
                  + " a number, or with k, m or g (512m); 0 for none",
              Long.toString(S3Settings.DEFAULT_DATA_CACHE_BYTES)));

  /** Every key, aliases excluded: the keys of {@link #DESCRIPTIONS}. */
  public static final List<String> ALL =
      DESCRIPTIONS.stream().map(SettingDescription::key).toList();

  private SettingKeys() {}
}
