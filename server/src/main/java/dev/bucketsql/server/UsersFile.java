package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The users allowed to connect, read from a text file with one user per line. {@code bucketsql
 * hash-password} writes lines of the first form, which both endpoints verify (HTTP BASIC and the
 * PostgreSQL protocol's SCRAM-SHA-256); lines of the second, older form keep working:
 *
 * <pre>
 * # comment
 * alice:scram-sha-256:600000:SALT_BASE64:STORED_KEY_BASE64:SERVER_KEY_BASE64
 * bob:pbkdf2-sha256:600000:SALT_BASE64:HASH_BASE64
 * </pre>
 *
 * <p>Both start from PBKDF2-HMAC-SHA256 of the password (SCRAM's {@code SaltedPassword}), which
 * comes with the JDK; 600,000 iterations is the OWASP recommendation. The first form keeps, as
 * PostgreSQL does, only SCRAM's {@code StoredKey} and {@code ServerKey} (see {@link
 * ScramVerifier}); the older form keeps {@code SaltedPassword} itself, from which the SCRAM
 * verifier is derived, so old lines serve both endpoints too (but a thief of such a line could
 * answer a SCRAM login: rewrite them with {@code hash-password}). The file holds no password;
 * {@link #toString()} shows only the user names.
 */
public final class UsersFile {
  /** The scheme written in new lines: a SCRAM-SHA-256 verifier. */
  public static final String SCHEME = "scram-sha-256";

  /** The older scheme, PBKDF2's output itself; still read. */
  public static final String PBKDF2_SCHEME = "pbkdf2-sha256";

  /** Iterations used for new hashes. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Map<String, ScramVerifier> users;

  /**
   * What an unknown user's password is checked against, so that a refusal costs the same PBKDF2
   * work whether or not the user exists: the answer time does not tell which user names are valid.
   * It takes the iteration count of the file's most expensive entry.
   */
  private final ScramVerifier unknownUser;

  /** Makes the salt shown for an unknown user: the same name always gets the same salt. */
  private final byte[] mockSaltKey = new byte[32];

  private final AtomicLong verifications = new AtomicLong();

  private UsersFile(Map<String, ScramVerifier> users) {
    this.users = Map.copyOf(users);
    int iterations =
        users.values().stream()
            .mapToInt(ScramVerifier::iterations)
            .max()
            .orElse(DEFAULT_ITERATIONS);
    SecureRandom random = new SecureRandom();
    this.unknownUser =
        new ScramVerifier(
            iterations,
            randomBytes(random, SALT_BYTES),
            randomBytes(random, HASH_BYTES),
            randomBytes(random, HASH_BYTES));
    random.nextBytes(mockSaltKey);
  }

  /**
   * Reads a users file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is malformed; the message names the line
   */
  public static UsersFile read(Path file) throws IOException {
    requireNonNull(file, "file is null");
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the lines of a users file; {@code source} names it in error messages.
   *
   * @throws IllegalArgumentException if a line is malformed
   */
  public static UsersFile parse(List<String> lines, String source) {
    Map<String, ScramVerifier> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String[] parts = line.split(":", -1);
      boolean scram = parts.length == 6 && parts[1].equals(SCHEME);
      boolean pbkdf2 = parts.length == 5 && parts[1].equals(PBKDF2_SCHEME);
      if (parts[0].isEmpty() || !(scram || pbkdf2)) {
        // Never echo the line: it may hold a password pasted by mistake.
        throw new IllegalArgumentException(
            where
                + " is not 'user:"
                + SCHEME
                + ":iterations:salt:storedkey:serverkey' (nor the older 'user:"
                + PBKDF2_SCHEME
                + ":iterations:salt:hash'); create lines with 'bucketsql hash-password'");
      }
      ScramVerifier verifier;
      try {
        Base64.Decoder b64 = Base64.getDecoder();
        int iterations = Integer.parseInt(parts[2]);
        byte[] salt = b64.decode(parts[3]);
        byte[] first = b64.decode(parts[4]);
        byte[] second = scram ? b64.decode(parts[5]) : null;
        if (iterations < 1
            || salt.length == 0
            || first.length != HASH_BYTES
            || (second != null && second.length != HASH_BYTES)) {
          throw new IllegalArgumentException("bad sizes");
        }
        verifier =
            scram
                ? new ScramVerifier(iterations, salt, first, second)
                : ScramVerifier.fromSaltedPassword(iterations, salt, first);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + " has a malformed iteration count, salt or key;"
                + " create lines with 'bucketsql hash-password'");
      }
      if (users.put(parts[0], verifier) != null) {
        throw new IllegalArgumentException(where + ": user '" + parts[0] + "' is listed twice");
      }
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException(
          source + " lists no users; add lines with 'bucketsql hash-password'");
    }
    return new UsersFile(users);
  }

  /**
   * Makes a users-file line for {@code user} with a fresh random salt: a SCRAM-SHA-256 verifier,
   * which both endpoints check.
   *
   * @param iterations PBKDF2 iterations; {@link #DEFAULT_ITERATIONS} unless testing
   */
  public static String hashLine(String user, char[] password, int iterations) {
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a user name must be non-empty, without ':' or spaces");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1");
    }
    byte[] salt = randomBytes(new SecureRandom(), SALT_BYTES);
    ScramVerifier verifier =
        ScramVerifier.fromSaltedPassword(
            iterations, salt, ScramVerifier.saltedPassword(password, salt, iterations));
    Base64.Encoder b64 = Base64.getEncoder();
    return user
        + ":"
        + SCHEME
        + ":"
        + iterations
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(verifier.storedKey())
        + ":"
        + b64.encodeToString(verifier.serverKey());
  }

  /**
   * Whether {@code password} is {@code user}'s password. Takes PBKDF2 time on purpose, also for a
   * user not in the file (checked against a random verifier that nothing matches).
   */
  boolean verify(String user, char[] password) {
    ScramVerifier entry = users.get(user);
    ScramVerifier checked = entry == null ? unknownUser : entry;
    verifications.incrementAndGet();
    byte[] salted = ScramVerifier.saltedPassword(password, checked.salt(), checked.iterations());
    boolean matches = MessageDigest.isEqual(checked.storedKey(), ScramVerifier.storedKey(salted));
    return entry != null && matches;
  }

  /**
   * The SCRAM verifier of {@code user}. For a user not in the file, a verifier that no password
   * matches, with the iteration count of the file's most expensive entry and a salt that is the
   * same at every attempt, so that the exchange does not tell which names exist.
   */
  ScramVerifier scramVerifier(String user) {
    ScramVerifier entry = users.get(user);
    if (entry != null) {
      return entry;
    }
    byte[] salt =
        Arrays.copyOf(
            ScramVerifier.hmac(mockSaltKey, user.getBytes(StandardCharsets.UTF_8)), SALT_BYTES);
    return new ScramVerifier(
        unknownUser.iterations(), salt, unknownUser.storedKey(), unknownUser.serverKey());
  }

  /** How many PBKDF2 checks {@link #verify} made; for tests. */
  long verifications() {
    return verifications.get();
  }

  /** The user names, for messages and tests. */
  public Set<String> userNames() {
    return users.keySet();
  }

  @Override
  public String toString() {
    return "UsersFile" + users.keySet();
  }

  private static byte[] randomBytes(SecureRandom random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
