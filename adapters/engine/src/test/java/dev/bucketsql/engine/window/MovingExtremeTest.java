package dev.bucketsql.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MovingExtreme} against the plain definition over random rows with many ties and NULLs: for
 * frames whose start and end move forward by random steps (empty ones too), the MIN or MAX of the
 * frame's non-null values, the first of equal ones (the same object: 1.0 and 1.00, -0.0 and 0.0 are
 * equal and told apart here), NULL when there is none; the deque never holds more than the frame's
 * rows.
 */
class MovingExtremeTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);

  @Test
  void matchesTheDefinitionOverMovingFrames() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, random.nextInt(200), 25);
      HeldRows held = new HeldRows(TYPES);
      ColumnBatch batch = new ColumnBatch(TYPES.toArray(new ColumnType[0]), 1);
      for (Object[] row : rows) {
        for (int c = 0; c < row.length; c++) {
          batch.set(c, 0, row[c]);
        }
        batch.setSize(1);
        held.append(batch, 0, 1, 1);
      }
      int column = random.nextInt(TYPES.size());
      boolean max = random.nextBoolean();
      MovingExtreme extreme = new MovingExtreme(column, max);
      ColumnBatch out = new ColumnBatch(new ColumnType[] {TYPES.get(column)}, 1);
      long lo = 0;
      long hi = -1;
      while (lo < rows.size()) {
        lo += random.nextInt(3);
        hi = Math.min(rows.size() - 1, Math.max(hi, lo - 2) + random.nextInt(4));
        // as the window does: rows before the frame's start are gone
        held.dropBefore(lo);
        extreme.write(held, lo, hi, out, 0, 0);
        out.setSize(1);
        Object expected = best(rows, column, lo, hi, max);
        Object actual = Rows.row(out, 0)[0];
        String what =
            "seed " + seed + " #" + column + (max ? " MAX" : " MIN") + " " + lo + ".." + hi;
        if (expected instanceof Double d) {
          // -0.0 and 0.0: the first of the equal ones, by its sign
          assertThat(actual).as(what).isEqualTo(d);
        } else {
          assertThat(actual).as(what).isEqualTo(expected);
        }
        assertThat(extreme.candidates())
            .as(what)
            .isLessThanOrEqualTo((int) Math.max(0, hi - lo + 1));
      }
    }
  }

  /** The first of the best non-null values of rows lo to hi. */
  private static Object best(List<Object[]> rows, int column, long lo, long hi, boolean max) {
    Object best = null;
    for (long p = Math.max(0, lo); p <= hi; p++) {
      Object v = rows.get((int) p)[column];
      if (v == null) {
        continue;
      }
      int c = best == null ? 0 : TestData.sqlCompare(v, best);
      if (best == null || (max ? c > 0 : c < 0)) {
        best = v;
      }
    }
    return best;
  }
}
