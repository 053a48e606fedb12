package dev.bucketsql.storage.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One connection setting as a tool shows it (JDBC's {@code Driver.getPropertyInfo}, a settings
 * dialog): its key, a one-line description, the values it takes when they are a few, and its
 * default. Kept beside the key so the parser, the error messages and the tools read one list.
 *
 * @param key the key in its canonical spelling
 * @param description one line: what the setting does and how its value is written
 * @param choices the values it takes when they are a few, else empty
 * @param defaultValue the value used when the setting is not given, written as a user would give
 *     it; empty when there is no fixed default (it comes from the environment or a file)
 */
public record SettingDescription(
    String key, String description, List<String> choices, Optional<String> defaultValue) {
  /** Checks the arguments and copies the choices. */
  public SettingDescription {
    requireNonNull(key, "key is null");
    requireNonNull(description, "description is null");
    choices = List.copyOf(requireNonNull(choices, "choices is null"));
    requireNonNull(defaultValue, "defaultValue is null");
  }

  /** A setting without a fixed default or a short list of values. */
  public static SettingDescription of(String key, String description) {
    return new SettingDescription(key, description, List.of(), Optional.empty());
  }

  /** A setting with a default, and no short list of values. */
  public static SettingDescription of(String key, String description, String defaultValue) {
    return new SettingDescription(key, description, List.of(), Optional.of(defaultValue));
  }

  /** A setting that takes one of {@code choices}, {@code defaultValue} among them. */
  public static SettingDescription choice(
      String key, String description, String defaultValue, String... choices) {
    return new SettingDescription(key, description, List.of(choices), Optional.of(defaultValue));
  }
}
