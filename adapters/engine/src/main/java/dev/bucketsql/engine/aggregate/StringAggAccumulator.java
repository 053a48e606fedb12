package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import java.util.function.LongSupplier;

/**
 * {@code STRING_AGG(x, sep)} ({@code LISTAGG}): per group, the non-null strings in input order,
 * each but the first preceded by its own row's separator, as Calcite's code builds {@code acc + sep
 * + x} row by row (a row whose separator is NULL is skipped, as its strict aggregate skips it);
 * {@code ","} without a separator column. NULL for a group no row reached.
 *
 * <p>A group's text grows with its rows: each batch reserves what it appends in the aggregate's
 * budget (3 bytes a character: two for the character, and the builder's spare room, which grows by
 * half or more), so the text counts in {@code queryMemory}. As for {@link FoldAccumulator}, a held
 * group's text stays in memory when the aggregate spills (other groups' rows go to disk and are
 * joined by their partition's aggregate), and one that outgrows the memory is the memory error.
 */
final class StringAggAccumulator extends Accumulator {
  private static final String DEFAULT_SEPARATOR = ",";
  private static final long BUILDER_BYTES = 56;

  private final int column;
  private final int separator;
  private final MemoryBudget budget;
  private final LongSupplier groupCount;
  private StringBuilder[] texts = new StringBuilder[0];
  private long[] rowBytes = new long[0];
  private long values;

  /**
   * @param groupCount the groups the aggregate holds, as the memory error counts them
   */
  StringAggAccumulator(int column, int separator, MemoryBudget budget, LongSupplier groupCount) {
    this.column = column;
    this.separator = separator;
    this.budget = budget;
    this.groupCount = groupCount;
  }

  @Override
  void grow(int groups) {
    texts = grown(texts, groups);
  }

  @Override
  long bytesPerGroup() {
    return 12 + BUILDER_BYTES;
  }

  @Override
  void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
    if (rowBytes.length < n) {
      rowBytes = new long[n];
    }
    boolean[] nulls = batch.nulls(column);
    Object[] strings = batch.objects(column);
    boolean[] sepNulls = separator < 0 ? null : batch.nulls(separator);
    Object[] seps = separator < 0 ? null : batch.objects(separator);
    long bytes = 0;
    long count = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      long b = 0;
      if (!nulls[r] && (sepNulls == null || !sepNulls[r])) {
        int sep = seps == null ? 1 : ((String) seps[r]).length();
        // at least one byte a value, so that a row taken is told from a row skipped
        b = Math.max(1, 3L * (((String) strings[r]).length() + sep));
        count++;
      }
      rowBytes[i] = b;
      bytes += b;
    }
    if (count == 0) {
      return;
    }
    values = HeldValues.reserve(budget, bytes, rowBytes, n, groupCount.getAsLong(), values);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (rowBytes[i] == 0) {
        continue;
      }
      int g = groups[i];
      StringBuilder text = texts[g];
      if (text == null) {
        texts[g] = new StringBuilder((String) strings[r]);
      } else {
        text.append(seps == null ? DEFAULT_SEPARATOR : (String) seps[r])
            .append((String) strings[r]);
      }
    }
  }

  @Override
  void write(int g, ColumnBatch out, int c, int r) {
    StringBuilder text = texts[g];
    out.nulls(c)[r] = text == null;
    out.objects(c)[r] = text == null ? null : text.toString();
  }
}
