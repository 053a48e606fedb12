package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users allowed to connect, with salted PBKDF2-HMAC-SHA256 password hashes, read from a
 * text file with one user per line:
 *
 * <pre>
 * # comment
 * alice:pbkdf2-sha256:600000:SALT_BASE64:HASH_BASE64
 * </pre>
 *
 * <p>PBKDF2 comes with the JDK, so the server needs no extra library for it; 600,000
 * iterations is the OWASP recommendation for PBKDF2-HMAC-SHA256. {@code bucketsql
 * hash-password} writes such lines. The file holds no password, only hashes; {@link
 * #toString()} shows only the user names.
 */
public final class UsersFile {
    /** The scheme name written in every line. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Iterations used for new hashes. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final Map<String, Entry> users;
    /**
     * What an unknown user's password is checked against, so that a refusal costs the same
     * PBKDF2 work whether or not the user exists: the answer time does not tell which user
     * names are valid. It takes the iteration count of the file's most expensive entry.
     */
    private final Entry unknownUser;
    private final AtomicLong verifications = new AtomicLong();

    private UsersFile(Map<String, Entry> users) {
        this.users = Map.copyOf(users);
        int iterations = users.values().stream().mapToInt(Entry::iterations).max().orElse(DEFAULT_ITERATIONS);
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] hash = new byte[HASH_BITS / 8];
        new SecureRandom().nextBytes(hash);
        this.unknownUser = new Entry(iterations, salt, hash);
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
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] parts = line.split(":", -1);
            if (parts.length != 5 || parts[0].isEmpty() || !parts[1].equals(SCHEME)) {
                // Never echo the line: it may hold a password pasted by mistake.
                throw new IllegalArgumentException(where + " is not 'user:" + SCHEME
                        + ":iterations:salt:hash'; create lines with 'bucketsql hash-password'");
            }
            try {
                int iterations = Integer.parseInt(parts[2]);
                byte[] salt = Base64.getDecoder().decode(parts[3]);
                byte[] hash = Base64.getDecoder().decode(parts[4]);
                if (iterations < 1 || salt.length == 0 || hash.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                if (users.put(parts[0], new Entry(iterations, salt, hash)) != null) {
                    throw new IllegalArgumentException(where + ": user '" + parts[0] + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                    throw e;
                }
                throw new IllegalArgumentException(where + " has a malformed iteration count, salt or hash;"
                        + " create lines with 'bucketsql hash-password'");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no users; add lines with 'bucketsql hash-password'");
        }
        return new UsersFile(users);
    }

    /**
     * Makes a users-file line for {@code user} with a fresh random salt.
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
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return user + ":" + SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /**
     * Whether {@code password} is {@code user}'s password. Takes PBKDF2 time on purpose, also
     * for a user not in the file (checked against a random hash that nothing matches).
     */
    boolean verify(String user, char[] password) {
        Entry entry = users.get(user);
        Entry checked = entry == null ? unknownUser : entry;
        verifications.incrementAndGet();
        boolean matches = MessageDigest.isEqual(checked.hash, pbkdf2(password, checked.salt, checked.iterations));
        return entry != null && matches;
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

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Entry(int iterations, byte[] salt, byte[] hash) {
    }
}
