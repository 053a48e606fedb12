package dev.bucketsql.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS context of the PostgreSQL endpoint, from the PKCS12 keystore the HTTPS side uses. */
final class PgTls {
  private PgTls() {}

  static SSLContext context(Path keystore, char[] password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "Cannot open the keystore "
              + keystore
              + " for TLS ("
              + e.getMessage()
              + "); check that it is PKCS12 and that the keystore password is right",
          e);
    }
  }
}
