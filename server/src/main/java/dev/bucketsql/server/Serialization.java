package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The wire format of the Avatica protocol. Client and server must use the same one: the client
 * names it in its URL ({@code serialization=protobuf} or {@code serialization=json}).
 */
public enum Serialization {
  /** Protocol Buffers: compact, the default, and what most Avatica clients use. */
  PROTOBUF("protobuf"),
  /** JSON: readable on the wire, handy for debugging and for non-Java clients. */
  JSON("json");

  private final String urlValue;

  Serialization(String urlValue) {
    this.urlValue = urlValue;
  }

  /**
   * Returns the value of the {@code serialization} parameter in an Avatica client URL.
   *
   * @return {@code protobuf} or {@code json}
   */
  public String urlValue() {
    return urlValue;
  }

  /**
   * Parses a serialization name, ignoring case.
   *
   * @param name {@code protobuf} or {@code json}
   * @return the matching serialization
   * @throws IllegalArgumentException if the name is neither
   */
  public static Serialization fromName(String name) {
    requireNonNull(name, "name is null");
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Serialization serialization : values()) {
      if (serialization.urlValue.equals(wanted)) {
        return serialization;
      }
    }
    throw new IllegalArgumentException(
        "Unknown serialization '"
            + name
            + "'; use one of "
            + Arrays.stream(values())
                .map(Serialization::urlValue)
                .collect(Collectors.joining(", ")));
  }
}
