package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void listsAreSpelledAsPythonPrintsThem() {
    assertThat(Text.pyList(List.of("a", "b c"))).isEqualTo("['a', 'b c']");
    assertThat(Text.pyList(List.of("grandma's pie"))).isEqualTo("[\"grandma's pie\"]");
    assertThat(Text.pyList(List.of("say \"it's\""))).isEqualTo("['say \"it\\'s\"']");
    assertThat(Text.pyList(List.of())).isEqualTo("[]");
    assertThat(Text.intList(new int[] {40480, 37229, 2911})).isEqualTo("[40480, 37229, 2911]");
  }

  @Test
  void tenthsPrintWithOneDecimal() {
    assertThat(Text.tenthsList(new int[] {515, 0, 130, 7})).isEqualTo("[51.5, 0.0, 13.0, 0.7]");
  }

  @Test
  void wordsSplitOnSpacesHyphensAndPunctuation() {
    assertThat(Text.splitWords("slow-cooker  chili, grandma's!"))
        .containsExactly("slow", "cooker", "chili", "grandma's");
  }

  @Test
  void parsedListsRoundTrip() {
    List<String> items = List.of("a, b", "don't", "x");
    assertThat(PyLists.parse(Text.pyList(items))).isEqualTo(items);
  }
}
