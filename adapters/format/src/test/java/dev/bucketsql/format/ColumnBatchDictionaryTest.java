package dev.bucketsql.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The dictionary numbers of a {@link ColumnBatch} column: {@link ColumnBatch#gather} and {@link
 * ColumnBatch#copyColumn} carry them with the values (or end them where the source has none);
 * {@link ColumnBatch#clear} and {@link ColumnBatch#append} end them; only OBJECT columns have them.
 */
class ColumnBatchDictionaryTest {
  private static final ColumnType[] TYPES = {ColumnType.VARCHAR, ColumnType.BIGINT};
  private static final Object[] DICTIONARY = {"x", "y", "z"};

  @Test
  void gatherAndCopyCarryTheNumbers() {
    ColumnBatch source = numbered(new int[] {2, 0, 1, 2});
    ColumnBatch gathered = new ColumnBatch(TYPES, 8);
    gathered.gather(source, 0, new int[] {3, 1}, 2, 0);
    assertThat(gathered.dictionary(0)).isSameAs(DICTIONARY);
    assertThat(gathered.dictionaryIds(0)).startsWith(2, 0);
    assertThat(gathered.objects(0)).startsWith("z", "x");

    ColumnBatch copied = new ColumnBatch(TYPES, 8);
    copied.copyColumn(source, 0, 4, 0);
    assertThat(copied.dictionary(0)).isSameAs(DICTIONARY);
    assertThat(copied.dictionaryIds(0)).startsWith(2, 0, 1, 2);

    // a source without numbers ends the target's
    ColumnBatch plain = new ColumnBatch(TYPES, 8);
    plain.objects(0)[0] = "x";
    plain.setSize(1);
    copied.copyColumn(plain, 0, 1, 0);
    assertThat(copied.dictionary(0)).isNull();
    gathered.gather(plain, 0, new int[] {0}, 1, 0);
    assertThat(gathered.dictionary(0)).isNull();
  }

  @Test
  void clearAndAppendEndTheNumbers() {
    ColumnBatch b = numbered(new int[] {0, 1});
    ColumnBatch target = numbered(new int[] {1});
    target.append(b, 0, 2);
    assertThat(target.dictionary(0)).isNull();
    assertThat(target.objects(0)).startsWith("y", "x", "y");
    b.clear();
    assertThat(b.dictionary(0)).isNull();
    assertThatThrownBy(() -> b.dictionaryIds(1)).isInstanceOf(IllegalStateException.class);
  }

  private static ColumnBatch numbered(int[] ids) {
    ColumnBatch b = new ColumnBatch(TYPES, 8);
    for (int r = 0; r < ids.length; r++) {
      b.objects(0)[r] = DICTIONARY[ids[r]];
      b.dictionaryIds(0)[r] = ids[r];
    }
    b.setSize(ids.length);
    b.setDictionary(0, DICTIONARY);
    return b;
  }
}
