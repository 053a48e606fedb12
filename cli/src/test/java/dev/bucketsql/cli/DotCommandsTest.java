package dev.bucketsql.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DuckDB's dot commands as the statements and sqlline commands they stand for. */
class DotCommandsTest {
  @Test
  void translatesTheCommandsThatHaveAnEquivalent() {
    assertThat(DotCommands.translate(".tables")).isEqualTo("SHOW TABLES;");
    assertThat(DotCommands.translate("  .schema RAW_recipes ")).isEqualTo("DESCRIBE RAW_recipes;");
    assertThat(DotCommands.translate(".schema")).isEqualTo("SHOW ALL TABLES;");
    assertThat(DotCommands.translate(".mode csv")).isEqualTo("!outputformat csv");
    assertThat(DotCommands.translate(".mode box")).isEqualTo("!outputformat table");
    assertThat(DotCommands.translate(".mode line")).isEqualTo("!outputformat vertical");
    assertThat(DotCommands.translate(".timer on")).isEqualTo("!set showElapsedTime true");
    assertThat(DotCommands.translate(".quit")).isEqualTo("!quit");
  }

  @Test
  void leavesSqlAlone() {
    assertThat(DotCommands.translate("SELECT .5 AS x;")).isEqualTo("SELECT .5 AS x;");
    assertThat(DotCommands.translate(".5")).isEqualTo(".5");
    assertThat(DotCommands.translate("!tables")).isEqualTo("!tables");
  }

  @Test
  void unknownCommandNamesTheKnownOnes() {
    assertThatThrownBy(() -> DotCommands.translate(".import x.csv t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'.import x.csv t'")
        .hasMessageContaining(".tables, .schema");
    assertThatThrownBy(() -> DotCommands.translate(".mode xml"))
        .hasMessageContaining(".mode csv|json");
  }
}
