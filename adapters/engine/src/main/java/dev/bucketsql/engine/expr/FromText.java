package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.function.Function;

/**
 * A value read from text by a parser of the SQL layer (a cast of VARCHAR to a number, a date, a
 * timestamp, or to shorter text), called once per non-NULL row asked for; NULL stays NULL and the
 * parser never sees it. The parser's error is the cast's error, as thrown, unless it is a TRY_CAST
 * ({@code safe}): then that row is NULL, as the SQL layer's code catches any exception of the
 * conversion.
 */
final class FromText implements Expr {
  private final Expr text;
  private final ColumnType type;
  private final Function<String, ?> parser;
  private final boolean safe;
  private final Result result;

  FromText(Expr text, ColumnType type, Function<String, ?> parser, boolean safe) {
    if (text.type() != ColumnType.VARCHAR) {
      throw new IllegalArgumentException("a value is read from text, not from " + text.type());
    }
    this.text = text;
    this.type = type;
    this.parser = parser;
    this.safe = safe;
    this.result = new Result(type);
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch x = text.evaluate(input, rows);
    Object[] xs = x.objects(0);
    boolean[] xn = x.nulls(0);
    int n = input.size();
    ColumnBatch out = result.of(n);
    for (int r = 0; r < n; r++) {
      if (xn[r] || (rows != null && !rows[r])) {
        out.set(0, r, null);
        continue;
      }
      out.set(0, r, safe ? tryParse((String) xs[r]) : parser.apply((String) xs[r]));
    }
    return out;
  }

  private Object tryParse(String s) {
    try {
      return parser.apply(s);
    } catch (RuntimeException e) {
      return null; // TRY_CAST: this row's text is no value of the type
    }
  }
}
