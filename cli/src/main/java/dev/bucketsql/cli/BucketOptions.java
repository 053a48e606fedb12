package dev.bucketsql.cli;

import dev.bucketsql.jdbc.BucketSqlUrl;
import dev.bucketsql.storage.config.SettingKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The bucket settings every subcommand takes, by the keys of the JDBC URL. {@code --url} gives a
 * whole {@code jdbc:bucketsql:} URL; the other options override its keys, as connection properties
 * do. The secret is read from a file (or the profile, or the environment), never taken on the
 * command line, where {@code ps} and shell history show it.
 */
final class BucketOptions {
  @Option(
      names = "--url",
      paramLabel = "JDBC_URL",
      description =
          "jdbc:bucketsql:[s3://BUCKET[/PREFIX]][?key=value&...]; the options below override its keys")
  String url;

  @Option(
      names = "--profile",
      description = "profile in the credentials/config files (default: AWS_PROFILE, then default)")
  String profile;

  @Option(
      names = "--credentials-file",
      paramLabel = "FILE",
      description = "INI credentials file (default ~/.aws/credentials)")
  Path credentialsFile;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description = "AWS CLI config file (default ~/.aws/config)")
  Path configFile;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "S3 endpoint, e.g. http://garage.internal:3900")
  String endpoint;

  @Option(names = "--region", description = "region the S3 server expects, e.g. garage-fast")
  String region;

  @Option(
      names = "--bucket",
      description = "the bucket whose CSV and Parquet objects are the tables")
  String bucket;

  @Option(names = "--prefix", description = "key prefix inside the bucket")
  String prefix;

  @Option(
      names = "--path-style",
      arity = "1",
      paramLabel = "true|false",
      description = "path-style URLs (default true for non-AWS endpoints)")
  Boolean pathStyle;

  @Option(names = "--access-key-id", paramLabel = "ID", description = "access key id")
  String accessKeyId;

  @Option(
      names = "--secret-access-key-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the secret access key (else the profile or AWS_SECRET_ACCESS_KEY)")
  Path secretAccessKeyFile;

  /** The JDBC URL to open: {@code --url}, or the bare {@code jdbc:bucketsql:}. */
  String jdbcUrl() {
    if (url == null) {
      return BucketSqlUrl.PREFIX;
    }
    if (!BucketSqlUrl.accepts(url)) {
      throw new Main.UsageException(
          "--url must start with "
              + BucketSqlUrl.PREFIX
              + " (for a remote server use 'bucketsql sql --server URL')");
    }
    return url;
  }

  /** The options given, as driver connection properties (they override the URL's keys). */
  Properties properties() {
    Properties p = new Properties();
    put(p, SettingKeys.PROFILE, profile);
    put(
        p,
        SettingKeys.CREDENTIALS_FILE,
        credentialsFile == null ? null : credentialsFile.toString());
    put(p, SettingKeys.CONFIG_FILE, configFile == null ? null : configFile.toString());
    put(p, SettingKeys.ENDPOINT, endpoint);
    put(p, SettingKeys.REGION, region);
    put(p, SettingKeys.BUCKET, bucket);
    put(p, SettingKeys.PREFIX, prefix);
    put(p, SettingKeys.PATH_STYLE, pathStyle == null ? null : pathStyle.toString());
    put(p, SettingKeys.ACCESS_KEY_ID, accessKeyId);
    if (secretAccessKeyFile != null) {
      put(
          p,
          SettingKeys.SECRET_ACCESS_KEY,
          readSecret(secretAccessKeyFile, "--secret-access-key-file"));
    }
    return p;
  }

  /**
   * The settings by canonical key, as the driver merges them (options over URL keys), for code that
   * talks to S3 without the driver.
   */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    BucketSqlUrl parsed;
    try {
      parsed = BucketSqlUrl.parse(jdbcUrl());
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--url: " + e.getMessage());
    }
    parsed.bucket().ifPresent(b -> settings.put(SettingKeys.BUCKET, b));
    if (!parsed.prefix().isEmpty()) {
      settings.put(SettingKeys.PREFIX, parsed.prefix());
    }
    parsed.parameters().forEach((k, v) -> settings.put(SettingKeys.ALIASES.getOrDefault(k, k), v));
    Properties p = properties();
    for (String key : p.stringPropertyNames()) {
      settings.put(key, p.getProperty(key));
    }
    settings.values().removeIf(v -> v == null || v.isEmpty());
    return settings;
  }

  private static void put(Properties p, String key, String value) {
    if (value != null && !value.isEmpty()) {
      p.setProperty(key, value);
    }
  }

  /** The first line of a secret file, trimmed; the message names the file, never its content. */
  static String readSecret(Path file, String option) {
    try {
      String secret =
          Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (secret.isEmpty()) {
        throw new Main.UsageException(
            option + " " + file + " is empty; put the secret on its first line");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + option + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** A secret from {@code file} if given, else from the environment variable, else null. */
  static String secretFrom(Path file, String option, String environmentVariable) {
    if (file != null) {
      return readSecret(file, option);
    }
    String value = System.getenv(environmentVariable);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
