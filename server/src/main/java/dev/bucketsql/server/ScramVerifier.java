package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a server keeps to check a SCRAM-SHA-256 login (RFC 5802, RFC 7677) without knowing the
 * password: the salt, the iteration count, {@code StoredKey = SHA-256(HMAC(SaltedPassword, "Client
 * Key"))} and {@code ServerKey = HMAC(SaltedPassword, "Server Key")}, where {@code SaltedPassword}
 * is PBKDF2-HMAC-SHA256 of the password. PostgreSQL stores the same four values. A stolen verifier
 * does not let its thief log in: the client must prove it knows {@code ClientKey}, which the
 * verifier holds only hashed.
 *
 * @param iterations PBKDF2 iterations the client must run
 * @param salt the salt sent to the client
 * @param storedKey SHA-256 of the client key
 * @param serverKey the key the server proves itself with
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
  private static final int KEY_BITS = 256;

  /** Checks the parts. */
  public ScramVerifier {
    requireNonNull(salt, "salt is null");
    requireNonNull(storedKey, "storedKey is null");
    requireNonNull(serverKey, "serverKey is null");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1");
    }
  }

  /** The verifier of a password, given its PBKDF2-HMAC-SHA256 {@code SaltedPassword}. */
  static ScramVerifier fromSaltedPassword(int iterations, byte[] salt, byte[] saltedPassword) {
    return new ScramVerifier(
        iterations,
        salt,
        storedKey(saltedPassword),
        hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@code SHA-256(HMAC(SaltedPassword, "Client Key"))}. */
  static byte[] storedKey(byte[] saltedPassword) {
    return sha256(hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII)));
  }

  /** PBKDF2-HMAC-SHA256 of {@code password} (encoded as UTF-8 by the JDK), 32 bytes. */
  static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  /**
   * HMAC-SHA256 of {@code data} under {@code key}.
   *
   * @param key the key
   * @param data the message
   * @return 32 bytes
   */
  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no HmacSHA256", e);
    }
  }

  /**
   * SHA-256 of {@code data}.
   *
   * @param data the bytes
   * @return 32 bytes
   */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ScramVerifier[iterations=" + iterations + "]";
  }
}
