package dev.bucketsql.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How remote clients prove who they are: HTTP BASIC against a {@link UsersFile}, a bearer token,
 * both, or nothing (only for a server on loopback).
 *
 * <p>Avatica clients authenticate every HTTP request, and a PBKDF2 check costs a large part of a
 * second by design. After a password verifies once, an HMAC of it under a key made at start (never
 * stored, never logged) is remembered per user, so later requests with the same password cost one
 * HMAC; a different password goes through PBKDF2 again. The bearer token is compared in constant
 * time. {@link #toString()} never shows the token.
 */
public final class ClientAuth {
  /** The user name shown for clients that authenticated with the bearer token. */
  public static final String TOKEN_USER = "token";

  static final String REALM = "BucketSQL";

  private static final ClientAuth NONE = new ClientAuth(null, null);

  private final UsersFile users;
  private final byte[] token;
  private final byte[] cacheKey = new byte[32];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  private ClientAuth(UsersFile users, String token) {
    this.users = users;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    new SecureRandom().nextBytes(cacheKey);
  }

  /** No authentication: every request is served. */
  public static ClientAuth none() {
    return NONE;
  }

  /**
   * Authentication by users file, bearer token, or either one.
   *
   * @param users the users for HTTP BASIC, or null for none
   * @param bearerToken the token for {@code Authorization: Bearer}, or null for none
   * @throws IllegalArgumentException if both are null or the token is too short
   */
  public static ClientAuth of(UsersFile users, String bearerToken) {
    if (users == null && bearerToken == null) {
      throw new IllegalArgumentException("give a users file, a bearer token, or both");
    }
    if (bearerToken != null && bearerToken.strip().length() < 16) {
      throw new IllegalArgumentException(
          "the bearer token is shorter than 16 characters; use a long random"
              + " one, e.g. from 'openssl rand -hex 32'");
    }
    return new ClientAuth(users, bearerToken == null ? null : bearerToken.strip());
  }

  /** Whether requests must authenticate. */
  public boolean required() {
    return users != null || token != null;
  }

  /** Whether {@code user} is a name this authentication can yield. */
  boolean knows(String user) {
    return (users != null && users.userNames().contains(user))
        || (token != null && TOKEN_USER.equals(user));
  }

  /** The users file, or null when there is none. */
  UsersFile users() {
    return users;
  }

  /** Whether a bearer token is set. */
  boolean hasToken() {
    return token != null;
  }

  /** Whether {@code given} is the bearer token; constant time. */
  boolean tokenMatches(String given) {
    return token != null
        && given != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
  }

  /** The {@code WWW-Authenticate} challenges a 401 answer carries. */
  List<String> challenges() {
    List<String> challenges = new ArrayList<>();
    if (users != null) {
      challenges.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    }
    if (token != null) {
      challenges.add("Bearer realm=\"" + REALM + "\"");
    }
    return challenges;
  }

  /**
   * Checks an {@code Authorization} header.
   *
   * @param header the header value, or null when absent
   * @return the authenticated user name, or empty when the request must be refused
   */
  Optional<String> authenticate(String header) {
    if (!required()) {
      return Optional.of("anonymous");
    }
    if (header == null) {
      return Optional.empty();
    }
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = header.substring(space + 1).strip();
    if (scheme.equals("bearer") && token != null) {
      byte[] given = credentials.getBytes(StandardCharsets.UTF_8);
      return MessageDigest.isEqual(given, token) ? Optional.of(TOKEN_USER) : Optional.empty();
    }
    if (scheme.equals("basic") && users != null) {
      return basic(credentials);
    }
    return Optional.empty();
  }

  private Optional<String> basic(String credentials) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
    char[] all = new char[chars.remaining()];
    chars.get(all);
    Arrays.fill(decoded, (byte) 0);
    try {
      int colon = indexOf(all, ':');
      // No colon: all of it is the user name and the password is empty. Either way the
      // check runs, so that a malformed or unknown name costs as much as a wrong password.
      int end = colon < 0 ? all.length : colon;
      String user = new String(all, 0, end);
      char[] password = Arrays.copyOfRange(all, Math.min(all.length, end + 1), all.length);
      try {
        byte[] mac = mac(password);
        byte[] known = verified.get(user);
        if (colon > 0 && known != null && MessageDigest.isEqual(known, mac)) {
          return Optional.of(user);
        }
        if (users.verify(user, password) && colon > 0) {
          verified.put(user, mac);
          return Optional.of(user);
        }
        return Optional.empty();
      } finally {
        Arrays.fill(password, '\0');
      }
    } finally {
      Arrays.fill(all, '\0');
    }
  }

  private byte[] mac(char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
      mac.update(bytes);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no HmacSHA256", e);
    }
  }

  private static int indexOf(char[] chars, char c) {
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == c) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    if (!required()) {
      return "ClientAuth[none]";
    }
    return "ClientAuth["
        + (users != null ? "basic " + users.userNames() : "")
        + (users != null && token != null ? ", " : "")
        + (token != null ? "bearer token" : "")
        + "]";
  }
}
