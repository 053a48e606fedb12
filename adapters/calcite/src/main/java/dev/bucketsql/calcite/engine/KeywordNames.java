package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets column names that the Babel parser still reserves be typed unquoted, as DuckDB allows:
 * {@code date}, {@code time} and {@code timestamp} where they are not a type ({@code DATE
 * '2018-01-01'}, {@code CAST(x AS DATE)}, {@code x::date}), and {@code user} always (PostgreSQL
 * would read it as the current user; BucketSQL reads the column, {@code CURRENT_USER} stays). It
 * also routes PostgreSQL's {@code date_trunc('month', d)} and DuckDB's {@code date_diff('day', a,
 * b)} (and {@code datediff}) to BucketSQL's own functions.
 *
 * <p>A lexical pass over the statement, before the parser: string literals, quoted names and
 * comments are copied untouched, and each such keyword used as a name is put in double quotes.
 * Quoted names still match without regard to case, and keep the case typed. It is a pass of its own
 * rather than a generated grammar because {@code DATE} starts both a literal and a name in the same
 * places, which an LL grammar cannot tell apart without this look-ahead.
 */
public final class KeywordNames {
  private static final Set<String> TYPE_WORDS = Set.of("DATE", "TIME", "TIMESTAMP");
  private static final Set<String> NAME_WORDS = Set.of("USER");
  private static final Set<String> CASTS = Set.of("CAST", "TRY_CAST", "SAFE_CAST");
  private static final Set<String> PART_FIRST_FUNCTIONS =
      Set.of("DATE_TRUNC", "DATE_DIFF", "DATEDIFF");

  private KeywordNames() {}

  /**
   * The statement as the parser gets it, and where it changed, to map error positions back to what
   * the user typed: DuckDB's file references made table names ({@link FileTableRefs}), then its
   * samples made subqueries ({@link DuckSample}), then {@code GROUP BY ALL} / {@code ORDER BY ALL}
   * marked ({@link ByAll}), then DuckDB's list syntax in Calcite's spelling ({@link ListSyntax})
   * and its slices as calls ({@link ListSlices}), then {@code -0e0} kept negative ({@link
   * NegativeZeroLiterals}), then keyword names quoted.
   */
  public static Rewritten rewrite(String sql) {
    requireNonNull(sql, "sql is null");
    // DuckDB's lambda x: ... as x -> ..., of the same length (no positions to map back)
    Rewritten fileRefs = FileTableRefs.rewrite(LambdaSyntax.rewrite(sql));
    Rewritten samples = DuckSample.rewrite(fileRefs.sql());
    Rewritten files = new Rewritten(samples.sql(), samples.inserted(), fileRefs);
    Rewritten byAll = ByAll.mark(files.sql());
    Rewritten distinctOn = DistinctOn.mark(byAll.sql());
    Rewritten orders = AggregateOrders.rewrite(distinctOn.sql());
    Rewritten listSyntax = ListSyntax.rewrite(orders.sql());
    Rewritten slices = ListSlices.rewrite(listSyntax.sql());
    Rewritten zeros = NegativeZeroLiterals.rewrite(slices.sql());
    Rewritten words = quoteWords(zeros.sql());
    Rewritten lists =
        new Rewritten(
            slices.sql(),
            slices.inserted(),
            new Rewritten(
                listSyntax.sql(),
                listSyntax.inserted(),
                new Rewritten(
                    orders.sql(),
                    orders.inserted(),
                    new Rewritten(
                        distinctOn.sql(),
                        distinctOn.inserted(),
                        new Rewritten(byAll.sql(), byAll.inserted(), files)))));
    return new Rewritten(
        words.sql(), words.inserted(), new Rewritten(zeros.sql(), zeros.inserted(), lists));
  }

  private static Rewritten quoteWords(String sql) {
    List<Token> tokens = tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> inserted = new ArrayList<>();
    Deque<String> parens = new ArrayDeque<>();
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      if (t.kind == Kind.SYMBOL && t.text.equals("(")) {
        parens.push(previous != null && previous.kind == Kind.WORD ? previous.upper() : "");
      } else if (t.kind == Kind.SYMBOL && t.text.equals(")") && !parens.isEmpty()) {
        parens.pop();
      }
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      Token afterNext = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
      if (t.kind != Kind.WORD
          || !(quote(t, previous, next, parens) || partFirst(t, next, afterNext))) {
        continue;
      }
      out.append(sql, copied, t.start).append('"').append(t.text).append('"');
      copied = t.start + t.text.length();
      inserted.add(new int[] {t.line, t.column});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), inserted);
  }

  /**
   * {@code date_trunc('month', d)} and {@code date_diff('day', a, b)}, PostgreSQL's and DuckDB's
   * forms with the part as a string first: quoted, so that they parse as calls of BucketSQL's
   * functions rather than of the parser's built-in forms with a bare unit ({@code DATE_TRUNC(d,
   * MONTH)}, which keeps working).
   */
  private static boolean partFirst(Token t, Token next, Token afterNext) {
    return PART_FIRST_FUNCTIONS.contains(t.upper())
        && next != null
        && next.text.equals("(")
        && afterNext != null
        && afterNext.kind == Kind.STRING;
  }

  private static boolean quote(Token t, Token previous, Token next, Deque<String> parens) {
    String word = t.upper();
    if (NAME_WORDS.contains(word)) {
      return true;
    }
    if (!TYPE_WORDS.contains(word)) {
      return false;
    }
    if (next != null && (next.kind == Kind.STRING || next.text.equals("("))) {
      return false; // DATE '2018-01-01', TIMESTAMP(3)
    }
    if (previous == null) {
      return true;
    }
    if (previous.text.equals("::")) {
      return false;
    }
    boolean inCast = !parens.isEmpty() && CASTS.contains(parens.peek());
    return !(inCast && previous.upper().equals("AS"));
  }

  enum Kind {
    WORD,
    STRING,
    QUOTED,
    SYMBOL
  }

  record Token(Kind kind, String text, int start, int line, int column) {
    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    /** The offset just after the token in the statement. */
    int end() {
      return start + text.length();
    }
  }

  /** Significant tokens; comments and white space are skipped (and copied as they are). */
  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int line = 1;
    int lineStart = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      int column = i - lineStart + 1;
      if (c == '\n') {
        line++;
        lineStart = ++i;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int k = i; k < end; k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        i = end;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = closing(sql, i, c);
        for (int k = start; k < i; k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        tokens.add(
            new Token(
                c == '\'' ? Kind.STRING : Kind.QUOTED,
                sql.substring(start, i),
                start,
                line,
                column));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        // E'...', X'...', N'...' prefixes belong to the string that follows
        tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, line, column));
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i += 2;
        tokens.add(new Token(Kind.SYMBOL, "::", start, line, column));
      } else {
        i++;
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start, line, column));
      }
    }
    return tokens;
  }

  /** Each token's depth of parentheses (a parenthesis has the depth outside it). */
  static int[] depths(List<Token> tokens) {
    int[] depth = new int[tokens.size()];
    int d = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.SYMBOL && t.text().equals(")")) {
        d--;
      }
      depth[i] = d;
      if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
        d++;
      }
    }
    return depth;
  }

  /** The index after the quote closing the literal or name that starts at {@code i}. */
  private static int closing(String sql, int i, char quote) {
    int k = i + 1;
    while (k < sql.length()) {
      if (sql.charAt(k) == quote) {
        if (k + 1 < sql.length() && sql.charAt(k + 1) == quote) {
          k += 2;
          continue;
        }
        return k + 1;
      }
      k++;
    }
    return k;
  }

  /**
   * A rewritten statement.
   *
   * @param sql the text the parser gets
   * @param inserted line and column (1-based, in the text before this pass) of each change, in
   *     order, and optionally how many characters it moved what follows (two, for the quotes of a
   *     name, when not given)
   * @param before the pass that ran first (its changes are mapped back after this one's), or null
   */
  public record Rewritten(String sql, List<int[]> inserted, Rewritten before) {
    /** One pass over the text as typed. */
    public Rewritten(String sql, List<int[]> inserted) {
      this(sql, inserted, null);
    }

    /** Whether the text changed. */
    public boolean changed() {
      return !inserted.isEmpty() || (before != null && before.changed());
    }

    /** The column in the original text of {@code column} on {@code line} of the rewritten text. */
    public int originalColumn(int line, int column) {
      int shift = 0;
      for (int[] at : inserted) {
        // each change before the position moved it right (two characters for a quoted name)
        if (at[0] == line && at[1] + shift < column) {
          shift += at.length > 2 ? at[2] : 2;
        }
      }
      int mapped = Math.max(1, column - shift);
      return before == null ? mapped : before.originalColumn(line, mapped);
    }
  }
}
