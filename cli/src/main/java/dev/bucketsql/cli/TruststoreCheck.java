package dev.bucketsql.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * Opens {@code sql --truststore} before connecting, so that a missing or wrong password is told
 * with the option that fixes it. The client would fail later with Java's "keystore password was
 * incorrect", which names neither the file nor the option.
 */
final class TruststoreCheck {
  private TruststoreCheck() {}

  /**
   * What is wrong with opening {@code truststore} with {@code password} (null when none was given,
   * which the client then opens with an empty one), or null when it opens.
   */
  static String problem(Path truststore, String password) {
    if (!Files.isReadable(truststore)) {
      return "cannot read the truststore " + truststore + "; check the path given to --truststore";
    }
    try {
      KeyStore.getInstance(truststore.toFile(), (password == null ? "" : password).toCharArray());
      return null;
    } catch (IOException e) {
      if (!(e.getCause() instanceof UnrecoverableKeyException)) {
        return notAStore(truststore, e);
      }
      return password == null
          ? "the password for the truststore "
              + truststore
              + " is missing; give it with --truststore-password-file FILE"
          : "the password for the truststore "
              + truststore
              + " is wrong; check the file given to --truststore-password-file"
              + " (or BUCKETSQL_TRUSTSTORE_PASSWORD)";
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return notAStore(truststore, e);
    }
  }

  private static String notAStore(Path truststore, Exception e) {
    return "cannot open the truststore "
        + truststore
        + " ("
        + e.getClass().getSimpleName()
        + "); it must be a PKCS12 or JKS file";
  }
}
