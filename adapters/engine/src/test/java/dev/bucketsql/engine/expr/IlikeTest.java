package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ILIKE} against the reference the SQL layer runs: the pattern as a Java regular expression
 * ({@code %} as {@code (?s:.*)}, {@code _} as {@code .}, every other character quoted) compiled
 * CASE_INSENSITIVE without UNICODE_CASE, over random strings of ASCII letters of both cases,
 * letters whose case folds only in Unicode ({@code Ä ä}, the Kelvin sign, {@code ß}, {@code ǅ}),
 * line breaks, a supplementary character and NULLs, in batches of several sizes.
 */
class IlikeTest {
  private static final String ALPHABET = "aAbBzZ_%!\nÄäKkßSsǅǆ\uD83D\uDE00";

  @Test
  void asciiLettersMatchEitherCaseAndNothingElseFolds() {
    Random random = new Random(23);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Object[] {random.nextInt(12) == 0 ? null : text(random, 6)});
    }
    for (int p = 0; p < 60; p++) {
      String pattern = text(random, 4);
      if (pattern.endsWith("!")) {
        continue; // a trailing escape is no pattern
      }
      String usable = pattern.replaceAll("!(?![%_!])", "");
      for (int batchSize : TestData.BATCH_SIZES) {
        List<Object[]> out =
            Rows.collect(
                new Project(
                    TestData.source(List.of(ColumnType.VARCHAR), rows, batchSize),
                    List.of(Exprs.ilike(Exprs.column(0, ColumnType.VARCHAR), usable, '!')),
                    TestData.context(batchSize)));
        Pattern reference = Pattern.compile(regex(usable, '!'), Pattern.CASE_INSENSITIVE);
        for (int r = 0; r < rows.size(); r++) {
          String s = (String) rows.get(r)[0];
          Object want = s == null ? null : reference.matcher(s).matches();
          assertThat(out.get(r)[0]).as("'%s' ILIKE '%s'", s, usable).isEqualTo(want);
        }
      }
    }
  }

  @Test
  void runsBetweenPercentsMatchTheReference() {
    // literal runs between two or more %s and no _ (q13's '%special%requests%'), anchored or not
    // at either end, runs overlapping in the text, empty runs, characters above U+FFFF
    Random random = new Random(29);
    String[] pieces = {"a", "b", "A", "ab", "ba", "\uD83D\uDE00", "Ä"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(9); k > 0; k--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      rows.add(new Object[] {random.nextInt(15) == 0 ? null : b.toString()});
    }
    for (int p = 0; p < 80; p++) {
      StringBuilder pattern = new StringBuilder();
      int percents = 2 + random.nextInt(3);
      boolean first = random.nextBoolean();
      boolean last = random.nextBoolean();
      if (first) {
        pattern.append('%');
        percents--;
      }
      for (int i = 0; i < percents + 1; i++) {
        for (int k = random.nextInt(3); k > 0; k--) {
          pattern.append(pieces[random.nextInt(pieces.length)]);
        }
        if (i < percents) {
          pattern.append('%');
        }
      }
      if (last && pattern.charAt(pattern.length() - 1) != '%') {
        pattern.append('%');
      }
      String usable = pattern.toString();
      for (boolean folds : new boolean[] {false, true}) {
        Expr column = Exprs.column(0, ColumnType.VARCHAR);
        List<Object[]> out =
            Rows.collect(
                new Project(
                    TestData.source(List.of(ColumnType.VARCHAR), rows, 7),
                    List.of(
                        folds ? Exprs.ilike(column, usable, '!') : Exprs.like(column, usable, '!')),
                    TestData.context(7)));
        Pattern reference =
            Pattern.compile(regex(usable, '!'), folds ? Pattern.CASE_INSENSITIVE : 0);
        for (int r = 0; r < rows.size(); r++) {
          String s = (String) rows.get(r)[0];
          Object want = s == null ? null : reference.matcher(s).matches();
          assertThat(out.get(r)[0])
              .as("'%s' %s '%s'", s, folds ? "ILIKE" : "LIKE", usable)
              .isEqualTo(want);
        }
      }
    }
  }

  @Test
  void fixedCases() {
    assertThat(matches("Ärger", "ä%")).isFalse();
    assertThat(matches("Ärger", "Ä%")).isTrue();
    assertThat(matches("Éclair", "%CLAIR")).isTrue();
    assertThat(matches("\u212A", "k")).isFalse();
    assertThat(matches("STRASSE", "stra_se")).isTrue();
    assertThat(matches("BANANA", "b%n_")).isTrue();
    assertThat(matches("a_b", "A!_B")).isTrue();
    assertThat(matches("aba", "a%ba%")).isTrue();
    assertThat(matches("aba", "ab%ba")).isFalse();
    assertThat(matches("abba", "ab%ba")).isTrue();
    assertThat(matches("xspecialyrequestsz", "%SPECIAL%requests%")).isTrue();
    assertThat(matches("requests special", "%special%requests%")).isFalse();
  }

  private static boolean matches(String s, String pattern) {
    List<Object[]> out =
        Rows.collect(
            new Project(
                TestData.source(
                    List.of(ColumnType.VARCHAR), List.<Object[]>of(new Object[] {s}), 1),
                List.of(Exprs.ilike(Exprs.column(0, ColumnType.VARCHAR), pattern, '!')),
                TestData.context(1)));
    return (Boolean) out.get(0)[0];
  }

  private static String text(Random random, int max) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(ALPHABET.length());
      if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
        b.append(ALPHABET, at, at + 2);
      } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
        b.append(ALPHABET.charAt(at));
      }
    }
    return b.toString();
  }

  /** The SQL pattern as the regular expression the SQL layer's LIKE builds. */
  private static String regex(String pattern, char escape) {
    StringBuilder b = new StringBuilder();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == escape) {
        b.append(Pattern.quote(new String(Character.toChars(cps[++i]))));
      } else if (c == '%') {
        b.append("(?s:.*)");
      } else if (c == '_') {
        b.append('.');
      } else {
        b.append(Pattern.quote(new String(Character.toChars(c))));
      }
    }
    return b.toString();
  }
}
