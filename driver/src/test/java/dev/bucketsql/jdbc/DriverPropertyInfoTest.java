package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Driver.getPropertyInfo}: the keys a tool offers in its driver-properties dialog are
 * BucketSQL's, each described, with its choices and a default that a connection accepts.
 */
@ExtendWith(S3ServerExtension.class)
class DriverPropertyInfoTest {
  private static Map<String, DriverPropertyInfo> byName(DriverPropertyInfo[] infos) {
    return Arrays.stream(infos)
        .collect(
            Collectors.toMap(
                p -> p.name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Test
  void listsEveryKeyTheUrlParserKnowsAndNoCalciteKey() throws Exception {
    Map<String, DriverPropertyInfo> props =
        byName(
            DriverManager.getDriver("jdbc:bucketsql:")
                .getPropertyInfo("jdbc:bucketsql:", new Properties()));

    // every key listed is accepted by the parser, in the spelling listed
    for (String key : props.keySet()) {
      assertThat(BucketSqlUrl.knownKey(key)).as(key).contains(key);
    }
    // every key the parser knows is listed, aliases (user, password) aside
    assertThat(props.keySet())
        .containsAll(
            BucketSqlUrl.knownKeys().stream()
                .filter(k -> !k.equals("user") && !k.equals("password"))
                .toList())
        .contains("csv.delimiter", "csv.header", "csv.types");
    // Calcite's and Avatica's keys are fixed by the driver: none is offered
    List<String> internal =
        Stream.concat(
                Arrays.stream(CalciteConnectionProperty.values())
                    .map(CalciteConnectionProperty::camelName),
                Arrays.stream(BuiltInConnectionProperty.values())
                    .map(BuiltInConnectionProperty::camelName))
            .map(k -> k.toLowerCase(Locale.ROOT))
            .toList();
    assertThat(props.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)))
        .doesNotContainAnyElementsOf(internal);

    for (DriverPropertyInfo p : props.values()) {
      assertThat(p.description).as(p.name).isNotBlank();
      assertThat(p.required).as(p.name).isFalse();
      if (p.choices != null) {
        assertThat(p.choices).as(p.name).hasSizeBetween(2, 6).contains(p.value);
      }
    }
    assertThat(props.get("pathStyle").choices).containsExactly("auto", "true", "false");
    assertThat(props.get("csv.compression").choices)
        .containsExactly("auto", "none", "gzip", "zstd");
    assertThat(props.get("region").value).isNull(); // from the environment or a profile
  }

  @Test
  void fillsInGivenValuesButNoSecret() throws Exception {
    Properties info = new Properties();
    info.setProperty("password", "wJalrXUtnFEMI/K7MDENG");
    info.setProperty("user", "AKIAEXAMPLE");
    info.setProperty("csv.table.reviews.delimiter", "pipe");
    info.setProperty("toolOwnSetting", "x");
    Map<String, DriverPropertyInfo> props =
        byName(
            new BucketSqlDriver()
                .getPropertyInfo("jdbc:bucketsql:s3://b/p?region=eu-west-3&maxAttempts=2", info));

    assertThat(props.get("region").value).isEqualTo("eu-west-3");
    assertThat(props.get("bucket").value).isEqualTo("b");
    assertThat(props.get("prefix").value).isEqualTo("p/");
    assertThat(props.get("maxAttempts").value).isEqualTo("2");
    assertThat(props.get("accessKeyId").value).isEqualTo("AKIAEXAMPLE");
    assertThat(props.get("secretAccessKey").value).isNull();
    assertThat(props.get("csv.table.reviews.delimiter").value).isEqualTo("pipe");
    assertThat(props.get("csv.table.reviews.delimiter").description).startsWith("for one table:");
    assertThat(props).doesNotContainKey("toolOwnSetting");
    assertThat(Arrays.stream(props.values().toArray(new DriverPropertyInfo[0])).map(p -> p.value))
        .doesNotContain("wJalrXUtnFEMI/K7MDENG");

    // a URL still being typed: the same keys, no values from it
    assertThat(
            byName(new BucketSqlDriver().getPropertyInfo("jdbc:bucketsql:s3:/", new Properties()))
                .keySet())
        .isEqualTo(
            byName(new BucketSqlDriver().getPropertyInfo("jdbc:bucketsql:", new Properties()))
                .keySet());
  }

  /** The defaults shown are values the driver accepts: a connection given all of them works. */
  @Test
  void everyDefaultShownIsAcceptedByConnect(S3TestServer server) throws Exception {
    server.createBucket("props");
    server.putObject("props", "t.csv", "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
    String url = server.jdbcUrl("props");
    Properties info = S3TestServer.jdbcKeys();
    int defaults = 0;
    for (DriverPropertyInfo p : new BucketSqlDriver().getPropertyInfo(url, new Properties())) {
      // the URL's own values (bucket, endpoint, region) are filled in; keep the rest as shown
      if (p.value != null && !p.value.isEmpty() && !info.containsKey(p.name)) {
        info.setProperty(p.name, p.value);
        defaults++;
      }
    }
    assertThat(defaults).isGreaterThan(15);
    try (Connection c = DriverManager.getConnection(url, info);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(b) FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("y");
    }
  }
}
