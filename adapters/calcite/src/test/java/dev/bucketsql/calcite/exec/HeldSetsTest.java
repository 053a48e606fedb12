package dev.bucketsql.calcite.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Functions;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link HeldSets} on array rows (compared by their elements) and scalar rows with NULLs: the rows
 * of each operation with and without ALL, over three inputs, enumerated twice; and the bound, which
 * counts rows new to the held set and never a duplicate.
 */
class HeldSetsTest {
  /** A query context without a connection: the default limit. */
  private static final DataContext ROOT =
      new DataContext() {
        @Override
        public @Nullable SchemaPlus getRootSchema() {
          return null;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
          throw new UnsupportedOperationException();
        }

        @Override
        public @Nullable QueryProvider getQueryProvider() {
          return null;
        }

        @Override
        public @Nullable Object get(String name) {
          return null;
        }
      };

  @SafeVarargs
  @SuppressWarnings("rawtypes")
  private static Enumerable[] inputs(List<Object>... inputs) {
    Enumerable[] result = new Enumerable[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      result[i] = Linq4j.asEnumerable(inputs[i]);
    }
    return result;
  }

  private static Object[] row(Object... values) {
    return values;
  }

  /** Array rows as one input (List.of would spread a single array into its values). */
  private static List<Object> arrays(Object[]... rows) {
    return List.of((Object[]) rows);
  }

  /** The rows of {@code rows} as sorted strings, after checking a second enumeration agrees. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<String> rows(Enumerable rows) {
    List<String> first = strings(rows);
    assertThat(strings(rows)).isEqualTo(first);
    return first;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<String> strings(Enumerable rows) {
    List<String> out = new ArrayList<>();
    for (Object r : (Iterable<Object>) rows) {
      out.add(r instanceof Object[] a ? Arrays.toString(a) : String.valueOf(r));
    }
    out.sort(null);
    return out;
  }

  @Test
  void unionKeepsEachDistinctRowOnce() {
    Enumerable<?> union =
        HeldSets.union(
            inputs(
                arrays(row(1, "a"), row(1, "a"), row(2, null)),
                arrays(row(2, null), row(3, "c")),
                arrays(row(1, "a"))),
            Functions.arrayComparer(),
            ROOT,
            100,
            "its input");
    assertThat(rows(union)).containsExactly("[1, a]", "[2, null]", "[3, c]");
  }

  @Test
  void exceptRemovesTheRowsOfEveryOtherInput() {
    List<Object> left = Arrays.asList(1, 1, 1, 2, null, null, 3, 4);
    List<Object> right = Arrays.asList(1, null, 5);
    List<Object> third = Arrays.asList(3, 1);
    assertThat(rows(HeldSets.except(inputs(left, right, third), false, null, ROOT, 100, "t")))
        .containsExactly("2", "4");
    assertThat(rows(HeldSets.except(inputs(left, right, third), true, null, ROOT, 100, "t")))
        .containsExactly("1", "2", "4", "null");
  }

  @Test
  void intersectKeepsTheRowsOfEveryInput() {
    List<Object> a = arrays(row(1, "x"), row(1, "x"), row(1, "x"), row(2, "y"), row(3, "z"));
    List<Object> b = arrays(row(1, "x"), row(1, "x"), row(2, "y"), row(4, "w"));
    List<Object> c = arrays(row(2, "y"), row(1, "x"), row(1, "x"), row(1, "x"));
    assertThat(
            rows(
                HeldSets.intersect(
                    inputs(a, b, c), false, Functions.arrayComparer(), ROOT, 100, "t")))
        .containsExactly("[1, x]", "[2, y]");
    assertThat(
            rows(
                HeldSets.intersect(
                    inputs(a, b, c), true, Functions.arrayComparer(), ROOT, 100, "t")))
        .containsExactly("[1, x]", "[1, x]", "[2, y]");
    assertThat(
            rows(
                HeldSets.intersect(
                    inputs(a, b, List.of()), true, Functions.arrayComparer(), ROOT, 100, "t")))
        .isEmpty();
  }

  /** At this size one row fits: any number of copies of it pass, a second distinct row fails. */
  @Test
  void onlyRowsNewToTheSetCount() {
    long huge = Long.MAX_VALUE;
    List<Object> same = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      same.add(7);
    }
    assertThat(rows(HeldSets.union(inputs(same, same), null, ROOT, huge, "table 't'")))
        .containsExactly("7");
    assertThat(
            rows(
                HeldSets.except(
                    inputs(same, List.of(8, 9, 10)), true, null, ROOT, huge, "table 't'")))
        .hasSize(10_000);
    // the streamed inputs are not held: many distinct rows there pass
    assertThat(
            rows(
                HeldSets.intersect(
                    inputs(List.of(1, 2, 3, 7), same), false, null, ROOT, huge, "t")))
        .containsExactly("7");
    assertThatThrownBy(
            () -> HeldSets.union(inputs(same, List.of(8)), null, ROOT, huge, "table 't'"))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith(
            "the set operation (UNION) holds the distinct rows of table 't' in memory and needs more"
                + " than ")
        .hasMessageContaining(
            "bytes for its first 2 distinct rows: the limit is the connection setting queryMemory=")
        .satisfies(
            e -> assertThat(((MemoryLimitExceededException) e).heldBy()).isEqualTo(HeldBy.UNION));
    assertThatThrownBy(
            () ->
                HeldSets.except(inputs(List.of(1, 2), same), false, null, ROOT, huge, "table 't'"))
        .hasMessageStartingWith("the set operation (EXCEPT) holds the distinct rows of table 't'");
    assertThatThrownBy(
            () ->
                HeldSets.intersect(
                    inputs(same, List.of(1, 2)), true, null, ROOT, huge, "table 't'"))
        .hasMessageStartingWith(
            "the set operation (INTERSECT) holds the distinct rows of table 't'");
  }
}
