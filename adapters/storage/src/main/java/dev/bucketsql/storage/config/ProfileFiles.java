package dev.bucketsql.storage.config;

import dev.bucketsql.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS credentials and config files, parsed by the SDK's own {@link ProfileFile} (which keeps
 * non-standard keys such as {@code bucket} and flattens a nested {@code s3 =} block to {@code
 * s3.endpoint_url}), and the mapping of a profile's keys to ours.
 */
final class ProfileFiles {
  private final Path credentialsPath;
  private final Path configPath;
  private final ProfileFile credentials;
  private final ProfileFile config;

  private ProfileFiles(
      Path credentialsPath, ProfileFile credentials, Path configPath, ProfileFile config) {
    this.credentialsPath = credentialsPath;
    this.credentials = credentials;
    this.configPath = configPath;
    this.config = config;
  }

  /**
   * Reads both files; a file that does not exist is skipped unless it was named explicitly, in
   * which case its absence is an error.
   */
  static ProfileFiles read(
      Path credentialsPath, boolean credentialsNamed, Path configPath, boolean configNamed) {
    return new ProfileFiles(
        credentialsPath,
        parse(credentialsPath, credentialsNamed, ProfileFile.Type.CREDENTIALS, "credentialsFile"),
        configPath,
        parse(configPath, configNamed, ProfileFile.Type.CONFIGURATION, "configFile"));
  }

  private static ProfileFile parse(Path path, boolean named, ProfileFile.Type type, String key) {
    if (!Files.isRegularFile(path)) {
      if (named) {
        throw new StorageException(
            "the "
                + key
                + " '"
                + path
                + "' does not exist or is not a file; fix the "
                + key
                + " setting");
      }
      return null;
    }
    try {
      return ProfileFile.builder().content(path).type(type).build();
    } catch (RuntimeException e) {
      // The parser's message quotes the offending line number, not values.
      throw new StorageException(
          "cannot read AWS profile file '" + path + "': " + e.getMessage(), e);
    }
  }

  /** Where the files were looked for, for messages. */
  String describe() {
    return credentialsPath + " and " + configPath;
  }

  /** Names of every profile in the files that exist, sorted. */
  List<String> profileNames() {
    TreeSet<String> names = new TreeSet<>();
    if (credentials != null) {
      names.addAll(credentials.profiles().keySet());
    }
    if (config != null) {
      names.addAll(config.profiles().keySet());
    }
    return new ArrayList<>(names);
  }

  /**
   * The profile's values under our keys, the credentials file winning over the config file as in
   * the AWS tools; empty when neither file has the profile.
   */
  Optional<Map<String, String>> profile(String name) {
    Optional<Profile> fromConfig = config == null ? Optional.empty() : config.profile(name);
    Optional<Profile> fromCredentials =
        credentials == null ? Optional.empty() : credentials.profile(name);
    if (fromConfig.isEmpty() && fromCredentials.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    fromConfig.ifPresent(p -> values.putAll(translate(p)));
    fromCredentials.ifPresent(p -> values.putAll(translate(p)));
    return Optional.of(values);
  }

  private static Map<String, String> translate(Profile p) {
    Map<String, String> props = p.properties();
    Map<String, String> out = new LinkedHashMap<>();
    copy(props, "aws_access_key_id", out, SettingKeys.ACCESS_KEY_ID);
    copy(props, "aws_secret_access_key", out, SettingKeys.SECRET_ACCESS_KEY);
    copy(props, "aws_session_token", out, SettingKeys.SESSION_TOKEN);
    copy(props, "region", out, SettingKeys.REGION);
    copy(props, "bucket", out, SettingKeys.BUCKET);
    copy(props, "prefix", out, SettingKeys.PREFIX);
    copy(props, "path_style", out, SettingKeys.PATH_STYLE);
    // The service-specific endpoint beats the global one, as in the AWS CLI.
    copy(props, "endpoint_url", out, SettingKeys.ENDPOINT);
    copy(props, "s3.endpoint_url", out, SettingKeys.ENDPOINT);
    String style = props.get("s3.addressing_style");
    if (style != null && !style.isBlank() && !style.trim().equalsIgnoreCase("auto")) {
      out.put(SettingKeys.PATH_STYLE, style.trim());
    }
    return out;
  }

  private static void copy(
      Map<String, String> from, String fromKey, Map<String, String> to, String toKey) {
    String v = from.get(fromKey);
    if (v != null && !v.isBlank()) {
      to.put(toKey, v.trim());
    }
  }
}
