package dev.bucketsql.jdbc.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.junit.jupiter.api.Test;

/** The remote driver's {@code getPropertyInfo}: the keys a user sets, not Avatica's internals. */
class RemotePropertyInfoTest {
  private static Map<String, DriverPropertyInfo> describe(String url, Properties info)
      throws Exception {
    return Arrays.stream(DriverManager.getDriver(url).getPropertyInfo(url, info))
        .collect(Collectors.toMap(p -> p.name, Function.identity()));
  }

  @Test
  void listsLoginTlsAndTimeoutKeysWithChoicesAndDefaults() throws Exception {
    Properties info = new Properties();
    info.setProperty("avatica_user", "ana");
    info.setProperty("avatica_password", "s3cret-password");
    info.setProperty("bearer_token", "t0ken-t0ken-t0ken");
    Map<String, DriverPropertyInfo> props =
        describe("jdbc:bucketsql:remote:url=http://127.0.0.1:8765;serialization=protobuf", info);

    Set<String> avatica =
        Arrays.stream(BuiltInConnectionProperty.values())
            .map(BuiltInConnectionProperty::camelName)
            .collect(Collectors.toSet());
    // every key but the server's query timeout is one Avatica's client reads, spelled as it does
    assertThat(props.keySet().stream().filter(k -> !k.equals("queryTimeout")))
        .allMatch(avatica::contains);
    assertThat(props)
        .containsKeys(
            "url", "serialization", "authentication", "avatica_user", "truststore", "queryTimeout")
        .doesNotContainKeys("factory", "httpclient_factory", "httpclient_impl", "schema");
    assertThat(props.get("url").required).isTrue();
    assertThat(props.get("url").value).isEqualTo("http://127.0.0.1:8765");
    assertThat(props.get("serialization").value).isEqualTo("protobuf");
    assertThat(props.get("serialization").choices).containsExactlyInAnyOrder("json", "protobuf");
    assertThat(props.get("authentication").choices).contains("BASIC", "BEARER");
    assertThat(props.get("hostname_verification").choices).contains("STRICT", "NONE");
    assertThat(props.get("transparent_reconnection").choices).containsExactly("true", "false");
    assertThat(props.get("avatica_user").value).isEqualTo("ana");
    assertThat(props.get("avatica_password").value).isNull();
    assertThat(props.get("bearer_token").value).isNull();
    for (DriverPropertyInfo p : props.values()) {
      assertThat(p.description).as(p.name).isNotBlank();
    }
    // without a URL the defaults show: Avatica's client speaks JSON unless told otherwise
    assertThat(describe("jdbc:bucketsql:remote:", new Properties()).get("serialization").value)
        .isEqualTo("json");
  }
}
