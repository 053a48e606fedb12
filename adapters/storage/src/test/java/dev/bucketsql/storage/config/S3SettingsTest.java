package dev.bucketsql.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.StorageException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The settings object shows no secret and checks its values. */
class S3SettingsTest {
  private static final String KEY_ID = "GK31c2f218a2e44f485b94239e";
  private static final String SECRET = "b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f";
  private static final String TOKEN = "session-token-value-123456";

  @Test
  void toStringShowsNoSecretAndOnlyFourCharactersOfTheKeyId() {
    S3Settings s =
        S3Settings.builder()
            .endpoint(URI.create("http://garage.lan:3900"))
            .region("garage-fast")
            .bucket("mangetamain")
            .credentials(KEY_ID, SECRET, TOKEN)
            .build();
    assertThat(s.toString())
        .contains("GK31\u2026")
        .contains("garage-fast")
        .contains("mangetamain")
        .doesNotContain(KEY_ID)
        .doesNotContain(SECRET)
        .doesNotContain(TOKEN);
  }

  @Test
  void rejectsAnEndpointWithoutScheme() {
    assertThatThrownBy(() -> S3Settings.builder().endpoint(URI.create("garage.lan:3900")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("http://");
  }

  @Test
  void requiresTheSecretAndNamesOnlyTheKeyPrefix() {
    assertThatThrownBy(
            () -> S3Settings.builder().bucket("b").credentials(KEY_ID, null, null).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("GK31\u2026")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_ID));
  }

  @Test
  void normalizesThePrefix() {
    S3Settings.Builder b = S3Settings.builder().bucket("b").credentials("k", "s", null);
    assertThat(b.prefix("/data").build().prefix()).isEqualTo("data/");
    assertThat(b.prefix("data/").build().prefix()).isEqualTo("data/");
    assertThat(b.prefix("").build().prefix()).isEmpty();
  }
}
