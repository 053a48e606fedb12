package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.server.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677), without channel binding, as
 * PostgreSQL runs it: the user name comes from the startup message, so the client's {@code n=}
 * attribute is ignored.
 */
final class ScramExchange {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ScramVerifier verifier;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  ScramExchange(ScramVerifier verifier) {
    this.verifier = requireNonNull(verifier, "verifier is null");
  }

  /**
   * Reads client-first-message and returns server-first-message.
   *
   * @throws PgProtocolException if the message is malformed or asks for channel binding
   */
  String serverFirst(String clientFirst) {
    // gs2-header = cbind-flag "," [authzid] ","
    int first = clientFirst.indexOf(',');
    int second = first < 0 ? -1 : clientFirst.indexOf(',', first + 1);
    if (first < 0 || second < 0) {
      throw malformed();
    }
    String flag = clientFirst.substring(0, first);
    if (flag.startsWith("p=")) {
      throw new PgProtocolException(
          "28000",
          "SCRAM channel binding is not supported; connect with"
              + " channel_binding=disable or prefer");
    }
    if (!flag.equals("n") && !flag.equals("y")) {
      throw malformed();
    }
    gs2Header = clientFirst.substring(0, second + 1);
    clientFirstBare = clientFirst.substring(second + 1);
    String clientNonce = attribute(clientFirstBare, 'r');
    if (clientNonce == null || clientNonce.isEmpty()) {
      throw malformed();
    }
    byte[] random = new byte[18];
    RANDOM.nextBytes(random);
    nonce = clientNonce + Base64.getEncoder().encodeToString(random);
    serverFirst =
        "r="
            + nonce
            + ",s="
            + Base64.getEncoder().encodeToString(verifier.salt())
            + ",i="
            + verifier.iterations();
    return serverFirst;
  }

  /**
   * Checks client-final-message.
   *
   * @return server-final-message when the proof is right, or null when it is not
   * @throws PgProtocolException if the message is malformed
   */
  String serverFinal(String clientFinal) {
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0 || serverFirst == null) {
      throw malformed();
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String channel = attribute(clientFinal, 'c');
    String expectedChannel =
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!expectedChannel.equals(channel) || !nonce.equals(attribute(clientFinal, 'r'))) {
      throw malformed();
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    byte[] authMessage =
        (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
    byte[] clientSignature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
    if (proof.length != clientSignature.length) {
      return null;
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!MessageDigest.isEqual(ScramVerifier.sha256(clientKey), verifier.storedKey())) {
      return null;
    }
    return "v="
        + Base64.getEncoder().encodeToString(ScramVerifier.hmac(verifier.serverKey(), authMessage));
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    return null;
  }

  private static PgProtocolException malformed() {
    return new PgProtocolException("08P01", "malformed SCRAM message");
  }
}
