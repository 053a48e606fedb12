package dev.bucketsql.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both profile file shapes, the source precedence, aliases and the resolver's errors. */
class S3SettingsResolverTest {
  private static final String CREDENTIALS_S3FAST =
      """
      [default]
      aws_access_key_id = AKIADEFAULTKEY00000
      aws_secret_access_key = default-secret

      [s3fast]
      aws_access_key_id = GK31c2f218a2e44f485b94239e
      aws_secret_access_key = b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f
      endpoint_url = http://garage.lan:3900
      region = garage-fast
      bucket = mangetamain
      """;

  private static final String CONFIG_S3FAST =
      """
      [default]
      region = eu-west-3

      [profile s3fast]
      region = garage-fast
      bucket = mangetamain
      s3 =
        endpoint_url = http://garage.lan:3900
        addressing_style = path
      """;

  @TempDir Path home;

  private S3SettingsResolver resolver(Map<String, String> env) {
    return new S3SettingsResolver(env, home);
  }

  private void write(String name, String content) throws IOException {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws").resolve(name), content);
  }

  @Test
  void anEmptyValueIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of("endpoint", " ", "bucket", "b")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("setting 'endpoint' is empty");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of("region", "", "bucket", "b")))
        .hasMessageContaining("setting 'region' is empty");
  }

  @Test
  void readsTheCredentialsFileShape() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    S3Settings s = resolver(Map.of()).resolve(Map.of("profile", "s3fast"));
    assertThat(s.endpoint()).isEqualTo(URI.create("http://garage.lan:3900"));
    assertThat(s.region()).isEqualTo("garage-fast");
    assertThat(s.bucket()).isEqualTo("mangetamain");
    assertThat(s.accessKeyId()).isEqualTo("GK31c2f218a2e44f485b94239e");
    assertThat(s.secretAccessKey()).isEqualTo("b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f");
    assertThat(s.usePathStyle()).isTrue();
  }

  @Test
  void readsTheCliConfigShapeWithANestedS3Block() throws IOException {
    write("config", CONFIG_S3FAST);
    write(
        "credentials", "[s3fast]\naws_access_key_id = GKcfg\naws_secret_access_key = cfg-secret\n");
    S3Settings s = resolver(Map.of("AWS_PROFILE", "s3fast")).resolve(Map.of());
    assertThat(s.endpoint()).isEqualTo(URI.create("http://garage.lan:3900"));
    assertThat(s.region()).isEqualTo("garage-fast");
    assertThat(s.bucket()).isEqualTo("mangetamain");
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.accessKeyId()).isEqualTo("GKcfg");
  }

  @Test
  void acceptsATopLevelEndpointInTheConfigFileAndPrefersTheS3Block() throws IOException {
    write(
        "config",
        """
        [profile top]
        endpoint_url = http://top:1
        aws_access_key_id = GKtop
        aws_secret_access_key = s
        bucket = b
        [profile both]
        endpoint_url = http://top:1
        s3 =
          endpoint_url = http://nested:2
        aws_access_key_id = GKboth
        aws_secret_access_key = s
        bucket = b
        """);
    assertThat(resolver(Map.of()).resolve(Map.of("profile", "top")).endpoint())
        .isEqualTo(URI.create("http://top:1"));
    assertThat(resolver(Map.of()).resolve(Map.of("profile", "both")).endpoint())
        .isEqualTo(URI.create("http://nested:2"));
  }

  @Test
  void explicitKeysBeatTheProfile() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    S3Settings s =
        resolver(Map.of())
            .resolve(
                Map.of(
                    "profile",
                    "s3fast",
                    "region",
                    "other-region",
                    "bucket",
                    "other",
                    "prefix",
                    "raw"));
    assertThat(s.region()).isEqualTo("other-region");
    assertThat(s.bucket()).isEqualTo("other");
    assertThat(s.prefix()).isEqualTo("raw/");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://garage.lan:3900"));
  }

  @Test
  void aNamedProfileBeatsTheEnvironment() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    Map<String, String> env =
        Map.of(
            "AWS_PROFILE", "s3fast",
            "AWS_REGION", "env-region",
            "AWS_ACCESS_KEY_ID", "AKIAENVKEY",
            "AWS_SECRET_ACCESS_KEY", "env-secret",
            "AWS_ENDPOINT_URL", "http://env:9000");
    S3Settings s = resolver(env).resolve(Map.of());
    assertThat(s.region()).isEqualTo("garage-fast");
    assertThat(s.accessKeyId()).startsWith("GK31");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://garage.lan:3900"));
  }

  @Test
  void theEnvironmentBeatsTheDefaultProfile() throws IOException {
    write(
        "credentials",
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\nbucket = from-default\n");
    write("config", "[default]\nregion = eu-west-3\n");
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", "AKIAENVKEY",
            "AWS_SECRET_ACCESS_KEY", "env-secret",
            "AWS_SESSION_TOKEN", "env-token",
            "AWS_DEFAULT_REGION", "env-default-region",
            "AWS_ENDPOINT_URL", "http://env:9000",
            "AWS_ENDPOINT_URL_S3", "http://env-s3:9000");
    S3Settings s = resolver(env).resolve(Map.of());
    assertThat(s.accessKeyId()).isEqualTo("AKIAENVKEY");
    assertThat(s.sessionToken()).isEqualTo("env-token");
    assertThat(s.region()).isEqualTo("env-default-region");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://env-s3:9000"));
    // The default profile still fills what nothing above gives.
    assertThat(s.bucket()).isEqualTo("from-default");
  }

  @Test
  void awsRegionBeatsAwsDefaultRegion() {
    Map<String, String> env =
        Map.of(
            "AWS_REGION",
            "r1",
            "AWS_DEFAULT_REGION",
            "r2",
            "AWS_ACCESS_KEY_ID",
            "k",
            "AWS_SECRET_ACCESS_KEY",
            "s");
    assertThat(resolver(env).resolve(Map.of("bucket", "b")).region()).isEqualTo("r1");
  }

  @Test
  void credentialsComeAsAUnitFromOneSource() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    Map<String, String> env = Map.of("AWS_SESSION_TOKEN", "stale-token");
    S3Settings s =
        resolver(env)
            .resolve(Map.of("user", "GKexplicit", "password", "explicit-secret", "bucket", "b"));
    assertThat(s.accessKeyId()).isEqualTo("GKexplicit");
    assertThat(s.secretAccessKey()).isEqualTo("explicit-secret");
    assertThat(s.sessionToken()).isNull();
  }

  @Test
  void aKeyIdWithoutItsSecretIsAnError() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    assertThatThrownBy(
            () ->
                resolver(Map.of()).resolve(Map.of("profile", "s3fast", "accessKeyId", "GKonlykey")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("connection settings")
        .hasMessageContaining("GKon\u2026")
        .hasMessageContaining("secretAccessKey (or password)");
  }

  @Test
  void userAndPasswordAreAliases() {
    S3Settings s =
        resolver(Map.of())
            .resolve(
                Map.of(
                    "user",
                    "GKalias",
                    "password",
                    "alias-secret",
                    "bucket",
                    "b",
                    "endpoint",
                    "http://h:1"));
    assertThat(s.accessKeyId()).isEqualTo("GKalias");
    assertThat(s.secretAccessKey()).isEqualTo("alias-secret");
  }

  @Test
  void conflictingAliasAndKeyIsAnErrorThatHidesTheSecret() {
    assertThatThrownBy(
            () ->
                resolver(Map.of())
                    .resolve(
                        Map.of(
                            "password",
                            "secret-one",
                            "secretAccessKey",
                            "secret-two",
                            "user",
                            "k",
                            "bucket",
                            "b")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("secretAccessKey")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("secret-one")
                    .doesNotContain("secret-two"));
  }

  @Test
  void fileLocationsComeFromSettingsThenEnvironment() throws IOException {
    Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("creds"), CREDENTIALS_S3FAST);
    Files.writeString(elsewhere.resolve("conf"), "[profile s3fast]\nprefix = from-env-config\n");
    Map<String, String> env =
        Map.of(
            "AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString(),
            "AWS_CONFIG_FILE", elsewhere.resolve("conf").toString());
    S3Settings s = resolver(env).resolve(Map.of("profile", "s3fast"));
    assertThat(s.bucket()).isEqualTo("mangetamain");
    assertThat(s.prefix()).isEqualTo("from-env-config/");

    Files.writeString(
        elsewhere.resolve("creds2"), CREDENTIALS_S3FAST.replace("mangetamain", "explicit-file"));
    S3Settings explicit =
        resolver(env)
            .resolve(
                Map.of(
                    "profile",
                    "s3fast",
                    "credentialsFile",
                    elsewhere.resolve("creds2").toString()));
    assertThat(explicit.bucket()).isEqualTo("explicit-file");
  }

  @Test
  void anExplicitFileThatDoesNotExistIsAnError() {
    Path missing = home.resolve("nope");
    assertThatThrownBy(
            () -> resolver(Map.of()).resolve(Map.of("credentialsFile", missing.toString())))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("credentialsFile");
  }

  @Test
  void aMissingNamedProfileListsTheProfilesThatExist() throws IOException {
    write("credentials", CREDENTIALS_S3FAST);
    write("config", "[profile analytics]\nregion = x\n");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of("profile", "s3slow")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("profile 's3slow'")
        .hasMessageContaining("analytics, default, s3fast");
    assertThatThrownBy(() -> resolver(Map.of("AWS_PROFILE", "s3slow")).resolve(Map.of()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("AWS_PROFILE");
  }

  @Test
  void aMissingDefaultProfileIsNotAnError() {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s");
    S3Settings s = resolver(env).resolve(Map.of("bucket", "b", "endpoint", "http://garage:3900"));
    assertThat(s.accessKeyId()).isEqualTo("k");
  }

  @Test
  void missingCredentialsListTheSourcesTried() {
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of("bucket", "b")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no S3 credentials found")
        .hasMessageContaining("accessKeyId/secretAccessKey")
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageContaining(home.resolve(".aws").resolve("credentials").toString());
  }

  @Test
  void missingBucketSaysWhereToSetIt() {
    assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of("user", "k", "password", "s")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no bucket given");
  }

  @Test
  void aCustomEndpointWithoutRegionUsesUsEast1() {
    S3Settings s =
        resolver(Map.of())
            .resolve(
                Map.of(
                    "user",
                    "k",
                    "password",
                    "s",
                    "bucket",
                    "b",
                    "endpoint",
                    "http://garage:3900/"));
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://garage:3900"));
  }

  @Test
  void pathStyleIsAutomaticUnlessGiven() {
    Map<String, String> base = new HashMap<>(Map.of("user", "k", "password", "s", "bucket", "b"));
    assertThat(resolver(Map.of()).resolve(base).usePathStyle()).isFalse();
    base.put("endpoint", "http://garage:3900");
    assertThat(resolver(Map.of()).resolve(base).usePathStyle()).isTrue();
    base.put("pathStyle", "false");
    assertThat(resolver(Map.of()).resolve(base).usePathStyle()).isFalse();
    base.put("endpoint", "https://s3.eu-west-3.amazonaws.com");
    base.put("pathStyle", "true");
    assertThat(resolver(Map.of()).resolve(base).usePathStyle()).isTrue();
    base.put("pathStyle", "sideways");
    assertThatThrownBy(() -> resolver(Map.of()).resolve(base))
        .hasMessageContaining("pathStyle 'sideways'");
  }

  @Test
  void tuningKeysAreParsed() {
    S3Settings s =
        resolver(Map.of())
            .resolve(
                Map.of(
                    "user",
                    "k",
                    "password",
                    "s",
                    "bucket",
                    "b",
                    "maxConnections",
                    "16",
                    "connectTimeout",
                    "1500",
                    "socketTimeout",
                    "2m",
                    "maxAttempts",
                    "7",
                    "retryBaseDelay",
                    "50ms"));
    assertThat(s.maxConnections()).isEqualTo(16);
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxAttempts()).isEqualTo(7);
    assertThat(s.retryBaseDelay()).isEqualTo(Duration.ofMillis(50));
    assertThatThrownBy(
            () ->
                resolver(Map.of())
                    .resolve(
                        Map.of(
                            "user", "k", "password", "s", "bucket", "b", "connectTimeout", "soon")))
        .hasMessageContaining("connectTimeout 'soon'");
  }

  @Test
  void dataCacheIsASizeAndZeroTurnsItOff() {
    Map<String, String> keys = Map.of("user", "k", "password", "s", "bucket", "b");
    assertThat(resolver(Map.of()).resolve(keys).dataCacheBytes())
        .isEqualTo(S3Settings.DEFAULT_DATA_CACHE_BYTES);
    for (Map.Entry<String, Long> e :
        Map.of("0", 0L, "1000", 1000L, "64k", 65_536L, "512m", 512L << 20, "2G", 2L << 30)
            .entrySet()) {
      Map<String, String> withCache = new HashMap<>(keys);
      withCache.put("dataCache", e.getKey());
      assertThat(resolver(Map.of()).resolve(withCache).dataCacheBytes())
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
    for (String bad : List.of("lots", "-1", "1t", "99999999999999999999")) {
      Map<String, String> withCache = new HashMap<>(keys);
      withCache.put("dataCache", bad);
      assertThatThrownBy(() -> resolver(Map.of()).resolve(withCache))
          .hasMessageContaining("dataCache '" + bad + "' is not a size");
    }
  }

  @Test
  void unknownKeysAreLeftToOtherLayers() {
    S3Settings s =
        resolver(Map.of())
            .resolve(Map.of("user", "k", "password", "s", "bucket", "b", "caseSensitive", "false"));
    assertThat(s.bucket()).isEqualTo("b");
  }
}
