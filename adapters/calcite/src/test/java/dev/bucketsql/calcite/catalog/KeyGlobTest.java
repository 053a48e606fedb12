package dev.bucketsql.calcite.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The glob rules of docs/catalog.md, and matching in linear time. */
class KeyGlobTest {
  private static boolean m(String glob, String key) {
    return KeyGlob.compile(glob).matches(key);
  }

  @Test
  void starStaysInOneFolder() {
    assertThat(m("logs/*.csv", "logs/a.csv")).isTrue();
    assertThat(m("logs/*.csv", "logs/.csv")).isTrue();
    assertThat(m("logs/*.csv", "logs/x/a.csv")).isFalse();
    assertThat(m("*", "a/b")).isFalse();
    assertThat(m("*.csv", "a.csv.gz")).isFalse();
  }

  @Test
  void doubleStarCrossesFoldersAndMayMatchNone() {
    assertThat(m("interactions/**/*.parquet", "interactions/year=2018/month=01/p.parquet"))
        .isTrue();
    assertThat(m("interactions/**/*.parquet", "interactions/p.parquet")).isTrue();
    assertThat(m("interactions/**/*.parquet", "other/p.parquet")).isFalse();
    assertThat(m("**", "a/b/c")).isTrue();
    assertThat(m("a**z", "a/b/z")).isTrue();
    assertThat(m("**/x.csv", "x.csv")).isTrue();
    assertThat(m("**/x.csv", "a/x.csv")).isTrue();
    assertThat(m("**/x.csv", "ax.csv")).isFalse();
  }

  @Test
  void questionMarkSetsAndAlternatives() {
    assertThat(m("p?.csv", "p1.csv")).isTrue();
    assertThat(m("p?.csv", "p/.csv")).isFalse();
    assertThat(m("p?.csv", "p12.csv")).isFalse();
    assertThat(m("p[0-2].csv", "p1.csv")).isTrue();
    assertThat(m("p[0-2].csv", "p3.csv")).isFalse();
    assertThat(m("p[!0-2].csv", "p3.csv")).isTrue();
    assertThat(m("p[^0-2].csv", "p1.csv")).isFalse();
    assertThat(m("p[abc].csv", "pb.csv")).isTrue();
    assertThat(m("{ratings,extra}/*.csv", "extra/a.csv")).isTrue();
    assertThat(m("{ratings,extra}/*.csv", "other/a.csv")).isFalse();
    assertThat(m("a{b,c{d,e}}f", "acef")).isTrue();
    assertThat(m("a{b,c{d,e}}f", "acf")).isFalse();
    assertThat(m("a{,x}b", "ab")).isTrue();
    assertThat(m("a,b}", "a,b}")).isTrue();
    assertThat(m("a[b", "a[b")).isTrue();
    assertThatThrownBy(() -> KeyGlob.compile("{a,b")).hasMessageContaining("unclosed '{'");
  }

  @Test
  void agreesWithARegularExpressionOnRandomKeys() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String[] globs = {"a*b", "*/b*", "**b", "a?*", "**/a*", "*a*a*", "a/**/b", "[ab]*/*"};
    String[] regexes = {
      "a[^/]*b",
      "[^/]*/b[^/]*",
      ".*b",
      "a[^/][^/]*",
      "(.*/)?a[^/]*",
      "[^/]*a[^/]*a[^/]*",
      "a/(.*/)?b",
      "[ab][^/]*/[^/]*"
    };
    for (int g = 0; g < globs.length; g++) {
      KeyGlob glob = KeyGlob.compile(globs[g]);
      Pattern regex = Pattern.compile(regexes[g]);
      for (int k = 0; k < 2000; k++) {
        StringBuilder key = new StringBuilder();
        int len = random.nextInt(8);
        for (int c = 0; c < len; c++) {
          key.append("ab/".charAt(random.nextInt(3)));
        }
        assertThat(glob.matches(key.toString()))
            .as("%s on '%s'", globs[g], key)
            .isEqualTo(regex.matcher(key).matches());
      }
    }
  }

  @Test
  void sixtyStarsAnswerAtOnce() {
    String glob = "**a".repeat(60) + "**x";
    String key = "a".repeat(200) + "/" + "a".repeat(200) + "y";
    KeyGlob compiled = KeyGlob.compile(glob);
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      assertThat(compiled.matches(key)).isFalse();
    }
    assertThat(compiled.matches("a".repeat(60) + "x")).isTrue();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).as("11 matches of a 60-star glob").isLessThan(1000);
    String single = "*a".repeat(60) + "*x";
    assertThat(KeyGlob.compile(single).matches("a".repeat(400))).isFalse();
  }
}
