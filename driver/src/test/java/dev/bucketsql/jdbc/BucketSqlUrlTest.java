package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BucketSqlUrlTest {
  @Test
  void parsesBucketPrefixAndParameters() {
    BucketSqlUrl url =
        BucketSqlUrl.parse(
            "jdbc:bucketsql:s3://mangetamain/clean/v1?endpoint=http%3A%2F%2F127.0.0.1%3A3900"
                + "&REGION=garage-fast&pathStyle=true");
    assertThat(url.bucket()).contains("mangetamain");
    assertThat(url.prefix()).isEqualTo("clean/v1/");
    assertThat(url.parameters())
        .containsExactly(
            Map.entry("endpoint", "http://127.0.0.1:3900"),
            Map.entry("region", "garage-fast"),
            Map.entry("pathStyle", "true"));
  }

  @Test
  void bucketIsOptional() {
    BucketSqlUrl url =
        BucketSqlUrl.parse("jdbc:bucketsql:?credentialsFile=/home/u/credentials&profile=s3fast");
    assertThat(url.bucket()).isEmpty();
    assertThat(url.prefix()).isEmpty();
    assertThat(url.parameters())
        .containsEntry("credentialsFile", "/home/u/credentials")
        .containsEntry("profile", "s3fast");
    assertThat(BucketSqlUrl.parse("jdbc:bucketsql:").parameters()).isEmpty();
  }

  @Test
  void unknownKeyIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> BucketSqlUrl.parse("jdbc:bucketsql:s3://b?regoin=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting 'regoin'")
        .hasMessageContaining("region");
  }

  @Test
  void aKeyWithoutAValueIsAnError() {
    // '?endpoint&region=x' meant "no endpoint", which is AWS
    for (String url :
        new String[] {
          "jdbc:bucketsql:s3://b?endpoint&region=x", "jdbc:bucketsql:s3://b?endpoint=&region=x"
        }) {
      assertThatThrownBy(() -> BucketSqlUrl.parse(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("setting 'endpoint' in the URL has no value: write endpoint=VALUE");
    }
  }

  @Test
  void aPropertyNearASettingIsAnErrorOthersAreIgnored() {
    BucketSqlUrl url = BucketSqlUrl.parse("jdbc:bucketsql:s3://b?region=x");
    java.util.Properties typo = new java.util.Properties();
    typo.setProperty("socketTimout", "5s");
    assertThatThrownBy(() -> ConnectionSettings.merge(url, typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "unknown connection property 'socketTimout'; did you mean 'socketTimeout'?");
    java.util.Properties tool = new java.util.Properties();
    tool.setProperty("ApplicationName", "DBeaver");
    tool.setProperty("socketTimeout", "5s");
    assertThat(ConnectionSettings.merge(url, tool))
        .containsEntry("socketTimeout", "5s")
        .doesNotContainKey("ApplicationName");
  }

  @Test
  void anEmptyPropertyIsAnErrorExceptABlankLoginField() {
    BucketSqlUrl url = BucketSqlUrl.parse("jdbc:bucketsql:s3://b?region=x");
    java.util.Properties empty = new java.util.Properties();
    empty.setProperty("endpoint", "");
    assertThatThrownBy(() -> ConnectionSettings.merge(url, empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connection property 'endpoint' is empty");
    java.util.Properties login = new java.util.Properties();
    login.setProperty("user", "");
    login.setProperty("password", "");
    assertThat(ConnectionSettings.merge(url, login))
        .doesNotContainKeys("accessKeyId", "secretAccessKey");
  }

  @Test
  void otherSchemesAreRejectedWithTheGrammar() {
    assertThatThrownBy(() -> BucketSqlUrl.parse("jdbc:bucketsql:gs://b"))
        .hasMessageContaining("s3://BUCKET[/PREFIX]");
    assertThatThrownBy(() -> BucketSqlUrl.parse("jdbc:bucketsql:s3://"))
        .hasMessageContaining("bucket name");
  }

  @Test
  void redactedFormHidesSecrets() {
    BucketSqlUrl url =
        BucketSqlUrl.parse(
            "jdbc:bucketsql:s3://b?accessKeyId=GK123&secretAccessKey=s3cr3t&sessionToken=tok&password=pw");
    assertThat(url.redacted())
        .contains("accessKeyId=GK123")
        .doesNotContain("s3cr3t")
        .doesNotContain("tok")
        .doesNotContain("pw");
    assertThat(url.toString()).isEqualTo(url.redacted());
  }

  @Test
  void propertiesOverrideTheUrlAndUserPasswordAreAliases() {
    BucketSqlUrl url =
        BucketSqlUrl.parse("jdbc:bucketsql:s3://b?region=a&accessKeyId=FROMURL&secretAccessKey=x");
    Properties info = new Properties();
    info.setProperty("region", "b");
    info.setProperty("user", "FROMPROPS");
    info.setProperty("password", "");
    info.setProperty("someToolSetting", "ignored");
    Map<String, String> merged = ConnectionSettings.merge(url, info);
    assertThat(merged)
        .containsEntry("bucket", "b")
        .containsEntry("region", "b")
        .containsEntry("accessKeyId", "FROMPROPS")
        .containsEntry("secretAccessKey", "x")
        .doesNotContainKeys("user", "password", "someToolSetting");
  }
}
