package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DuckDB's samples, by a token pass before the parser: {@code FROM t USING SAMPLE 10 ROWS} (or
 * {@code 10}, {@code 10%}, {@code 10 PERCENT}, {@code reservoir(10 ROWS)}, {@code 10% (bernoulli,
 * 42)}) at the end of a query over one table, and {@code t TABLESAMPLE ...} after any table of a
 * FROM clause (also the standard {@code BERNOULLI(p)} and {@code SYSTEM(p)}, in percent). The
 * sampled table becomes a subquery under the same alias:
 *
 * <ul>
 *   <li>a number of rows: {@code (SELECT * FROM t ORDER BY RAND() LIMIT n)}, which keeps only
 *       {@code n} rows while it reads (a top-n by a random key: each row equally likely, as
 *       DuckDB's reservoir sample);
 *   <li>a percentage: {@code (SELECT * FROM t WHERE RAND() * 100 < p)}, each row kept on its own
 *       (DuckDB's {@code bernoulli}; its default {@code system} sampling keeps whole vectors of
 *       2048 rows, so its counts vary more).
 * </ul>
 *
 * <p>As in DuckDB the sample is taken of the table, before {@code WHERE}, grouping and ordering.
 * Which rows are chosen differs from DuckDB's and from run to run: a sample is any subset of the
 * right size. A seed ({@code REPEATABLE (s)}, or the second argument of the method) is refused
 * (0A000), since the same seed would not give the same sample twice.
 */
final class DuckSample {
  /** Words that end a FROM clause. */
  private static final Set<String> AFTER_FROM =
      Set.of(
          "WHERE",
          "GROUP",
          "HAVING",
          "QUALIFY",
          "WINDOW",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "MINUS");

  private DuckSample() {}

  /** The statement with each sample written as a subquery. */
  static Rewritten rewrite(String sql) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    if (tokens.stream()
        .noneMatch(
            t ->
                t.kind() == Kind.WORD
                    && (t.upper().equals("TABLESAMPLE") || t.upper().equals("SAMPLE")))) {
      return new Rewritten(sql, List.of());
    }
    int[] depth = KeywordNames.depths(tokens);
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD) {
        continue;
      }
      if (t.upper().equals("TABLESAMPLE")) {
        int start = refStart(tokens, depth, i - 1);
        Spec spec = Spec.parse(tokens, i + 1);
        edits.add(
            new Edit(
                tokens.get(start).start(),
                tokens.get(spec.end - 1).end(),
                sampled(sql, tokens, start, i, spec)));
        i = spec.end - 1;
      } else if (t.upper().equals("USING")
          && i + 1 < tokens.size()
          && tokens.get(i + 1).upper().equals("SAMPLE")) {
        int from = fromOf(tokens, depth, i);
        int fromEnd = from + 1;
        while (fromEnd < i
            && !(depth[fromEnd] == depth[i] && endsFrom(tokens.get(fromEnd)))
            && depth[fromEnd] >= depth[i]) {
          fromEnd++;
        }
        for (int k = from + 1; k < fromEnd; k++) {
          Token x = tokens.get(k);
          if (depth[k] == depth[i] && (x.text().equals(",") || x.upper().equals("JOIN"))) {
            throw new SqlStateException(
                "0A000",
                "USING SAMPLE over several tables is not supported; sample one of them with TABLESAMPLE,"
                    + " e.g. FROM t TABLESAMPLE 10% JOIN u ON ...");
          }
        }
        Spec spec = Spec.parse(tokens, i + 2);
        if (fromEnd - 1 <= from) {
          throw new SqlStateException("42601", "USING SAMPLE needs a FROM clause to sample");
        }
        edits.add(
            new Edit(
                tokens.get(from + 1).start(),
                tokens.get(fromEnd - 1).end(),
                sampled(sql, tokens, from + 1, fromEnd, spec)));
        edits.add(new Edit(t.start(), tokens.get(spec.end - 1).end(), ""));
        i = spec.end - 1;
      }
    }
    edits.sort((a, b) -> Integer.compare(a.start, b.start));
    StringBuilder out = new StringBuilder(sql.length() + 64);
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (Edit e : edits) {
      out.append(sql, copied, e.start).append(e.text);
      copied = e.end;
      int[] lineColumn = lineColumn(sql, e.start);
      changes.add(new int[] {lineColumn[0], lineColumn[1], e.text.length() - (e.end - e.start)});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  private record Edit(int start, int end, String text) {}

  /** How much to sample: {@code rows} or a percentage. */
  private record Spec(boolean rows, String amount, int end) {
    static Spec parse(List<Token> tokens, int at) {
      int i = at;
      String method = null;
      if (i + 1 < tokens.size()
          && tokens.get(i).kind() == Kind.WORD
          && tokens.get(i + 1).text().equals("(")) {
        method = tokens.get(i).upper();
        i += 2;
      }
      int afterAmount = number(tokens, i, true);
      if (afterAmount == i) {
        throw bad(tokens, at);
      }
      String amount = text(tokens, i, afterAmount);
      i = afterAmount;
      Boolean rows = null;
      if (i < tokens.size()
          && (tokens.get(i).text().equals("%") || tokens.get(i).upper().equals("PERCENT"))) {
        rows = false;
        i++;
      } else if (i < tokens.size() && tokens.get(i).upper().equals("ROWS")) {
        rows = true;
        i++;
      }
      if (method != null) {
        if (i >= tokens.size() || !tokens.get(i).text().equals(")")) {
          throw bad(tokens, at);
        }
        i++;
        if (rows == null) {
          rows = method.equals("RESERVOIR"); // BERNOULLI(p) and SYSTEM(p) take a percentage
        }
      }
      String seed = null;
      // DuckDB's (method[, seed]) after the size
      if (i + 1 < tokens.size()
          && tokens.get(i).text().equals("(")
          && tokens.get(i + 1).kind() == Kind.WORD) {
        i += 2;
        if (tokens.get(i).text().equals(",")) {
          int afterSeed = number(tokens, i + 1, false);
          seed = afterSeed == i + 1 ? "x" : text(tokens, i + 1, afterSeed);
          i = afterSeed;
        }
        if (i >= tokens.size() || !tokens.get(i).text().equals(")")) {
          throw bad(tokens, at);
        }
        i++;
      }
      if (i + 1 < tokens.size()
          && tokens.get(i).upper().equals("REPEATABLE")
          && tokens.get(i + 1).text().equals("(")) {
        int afterSeed = number(tokens, i + 2, false);
        if (afterSeed == i + 2
            || afterSeed >= tokens.size()
            || !tokens.get(afterSeed).text().equals(")")) {
          throw bad(tokens, at);
        }
        seed = text(tokens, i + 2, afterSeed);
        i = afterSeed + 1;
      }
      if (seed != null && !seed.chars().allMatch(Character::isDigit)) {
        throw bad(tokens, at);
      }
      if (seed != null) {
        // RAND(seed) keeps its sequence across runs of a cached plan: the same seed would not
        // give the same sample twice, and a sample that claims to repeat must
        throw new SqlStateException(
            "0A000",
            "a repeatable sample (REPEATABLE or a seed) is not supported: BucketSQL's samples differ from run to run;"
                + " leave out the seed, or sample with a condition on the data such as WHERE id % 10 = 0");
      }
      return new Spec(rows == null || rows, amount, i);
    }

    /**
     * The index after the number at {@code i} (its digits are one-character tokens, side by side).
     */
    private static int number(List<Token> tokens, int i, boolean fraction) {
      int k = i;
      while (k < tokens.size()) {
        String s = tokens.get(k).text();
        boolean digit =
            s.length() == 1 && (Character.isDigit(s.charAt(0)) || (fraction && s.equals(".")));
        if (!digit || (k > i && tokens.get(k).start() != tokens.get(k - 1).start() + 1)) {
          break;
        }
        k++;
      }
      return k;
    }

    private static String text(List<Token> tokens, int from, int to) {
      StringBuilder s = new StringBuilder();
      for (int k = from; k < to; k++) {
        s.append(tokens.get(k).text());
      }
      return s.toString();
    }

    private static SqlStateException bad(List<Token> tokens, int at) {
      Token t = at < tokens.size() ? tokens.get(at) : tokens.get(tokens.size() - 1);
      return new SqlStateException(
          "42601",
          String.format(
              Locale.ROOT,
              "a sample size at line %d, column %d must be a number of rows or a percentage: 10 ROWS, 10%%,"
                  + " reservoir(10 ROWS), 10%% (bernoulli, 42) or 10%% REPEATABLE (42)",
              t.line(),
              t.column()));
    }
  }

  /** The table reference of tokens [start, end) as a sampled subquery under the same alias. */
  private static String sampled(String sql, List<Token> tokens, int start, int end, Spec spec) {
    int bodyEnd = end;
    String alias;
    Token last = tokens.get(end - 1);
    boolean lastIsName = last.kind() == Kind.WORD || last.kind() == Kind.QUOTED;
    Token beforeLast = end - 2 >= start ? tokens.get(end - 2) : null;
    if (lastIsName && beforeLast != null && beforeLast.upper().equals("AS")) {
      alias = last.text();
      bodyEnd = end - 2;
    } else if (lastIsName
        && beforeLast != null
        && !beforeLast.text().equals(".")
        && (beforeLast.kind() != Kind.SYMBOL || beforeLast.text().equals(")"))) {
      alias = last.text();
      bodyEnd = end - 1;
    } else if (lastIsName) {
      alias = last.text();
    } else {
      alias = "sample";
    }
    String body = sql.substring(tokens.get(start).start(), tokens.get(bodyEnd - 1).end());
    String random = "RAND()";
    String inner =
        "SELECT * FROM "
            + body
            + " AS "
            + alias
            + (spec.rows
                ? " ORDER BY " + random + " LIMIT " + spec.amount
                : " WHERE " + random + " * 100 < " + spec.amount);
    return "(" + inner + ") AS " + alias;
  }

  /** The first token of the table reference ending at {@code last}. */
  private static int refStart(List<Token> tokens, int[] depth, int last) {
    int k = last;
    while (k > 0) {
      Token previous = tokens.get(k - 1);
      if (depth[k - 1] == depth[last]
          && (previous.text().equals(",")
              || previous.upper().equals("FROM")
              || previous.upper().equals("JOIN"))) {
        return k;
      }
      k--;
    }
    throw new SqlStateException("42601", "TABLESAMPLE must follow a table in a FROM clause");
  }

  /** The FROM of the query that {@code using} ends. */
  private static int fromOf(List<Token> tokens, int[] depth, int using) {
    for (int k = using - 1; k >= 0; k--) {
      Token t = tokens.get(k);
      if (depth[k] == depth[using] && t.upper().equals("FROM")) {
        return k;
      }
      if (depth[k] < depth[using] || (depth[k] == depth[using] && t.upper().equals("SELECT"))) {
        break;
      }
    }
    throw new SqlStateException("42601", "USING SAMPLE needs a FROM clause to sample");
  }

  private static boolean endsFrom(Token t) {
    return t.kind() == Kind.WORD && (AFTER_FROM.contains(t.upper()) || t.upper().equals("USING"))
        || t.text().equals(";");
  }

  private static int[] lineColumn(String sql, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
