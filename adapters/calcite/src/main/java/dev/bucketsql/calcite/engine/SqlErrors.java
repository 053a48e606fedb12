package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import dev.bucketsql.storage.Causes;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns what Calcite throws while preparing a statement into one short message that names the
 * construct and where it is, instead of the parser's list of every token it could have taken.
 */
final class SqlErrors {
  private static final SqlAbstractParserImpl.Metadata KEYWORDS =
      SqlBabelParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
  private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*?)\" at line");
  private static final java.util.Set<String> CLAUSE_WORDS =
      java.util.Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP",
          "BY",
          "HAVING",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "JOIN",
          "ON",
          "AS",
          "AND",
          "OR",
          "NOT",
          "UNION",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "DISTINCT");
  private static final Pattern NEXT_TOKEN = Pattern.compile("([A-Za-z_]+)\\s+([A-Za-z_]+|\\S)");
  private static final Pattern NEAR_KEYWORD = Pattern.compile("near the keyword '(.*?)'");
  private static final Pattern VALIDATOR_POSITION =
      Pattern.compile(
          "^(From line \\d+, column \\d+ to line \\d+, column \\d+|At line \\d+, column \\d+): ",
          Pattern.DOTALL);

  /** Constructs the enumerable engine cannot run, recognised in the text of a failed statement. */
  private static final List<Unsupported> UNSUPPORTED =
      List.of(
          new Unsupported(
              "(?i)\\bWITHIN\\s+GROUP\\b",
              "this aggregate with WITHIN GROUP; PERCENTILE_CONT and PERCENTILE_DISC (q) WITHIN"
                  + " GROUP (ORDER BY x), median(x), quantile_cont(x, q) and quantile_disc(x, q) work"),
          new Unsupported("(?i)\\bMATCH_RECOGNIZE\\b", "MATCH_RECOGNIZE"),
          new Unsupported("(?i)\\bLATERAL\\b", "LATERAL joins"),
          new Unsupported(
              "(?i)\\b(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER)\\b", "statements that write"));

  private static final String SYNTAX_ERROR = "42601";
  private static final String FEATURE_NOT_SUPPORTED = "0A000";

  /** Calcite's message for a name in a lambda's body that is none of its parameters. */
  private static final Pattern LAMBDA_COLUMN =
      Pattern.compile("^Param '([^']*)' not found in lambda expression");

  /** Calcite validator wordings and their PostgreSQL SQLSTATE, first match wins. */
  private static final String[][] VALIDATOR_STATES = {
    {"Object '", "42P01"},
    {"Table '", "42P01"},
    {"Column '", "42703"},
    {"Unknown identifier", "42703"},
    {"Unknown field", "42703"},
    {"No match found for function signature", "42883"},
    {"Cannot apply", "42883"},
    {"Invalid number of arguments", "42883"},
    {"Illegal DATE literal", "22007"},
    {"Illegal TIME literal", "22007"},
    {"Illegal TIMESTAMP literal", "22007"},
    {"Illegal INTERVAL literal", "22007"},
    {"out of range", "22003"},
    {"is not being grouped", "42803"},
    {"Aggregate expression is illegal", "42803"},
    {"is ambiguous", "42702"},
    {"Cannot assign", "42804"},
    {"Cast function cannot convert", "42846"},
  };

  private SqlErrors() {}

  /**
   * The exception to throw for {@code e}, raised preparing the statement {@code rewritten}: a
   * {@link SqlStateException} with the SQLSTATE of the failure (42601 syntax, 42P01 unknown table,
   * 42703 unknown column, 42883 unknown function, 0A000 not supported, ...), or {@code e} itself
   * when it is none of those; {@link QueryErrors} classifies it then.
   */
  static RuntimeException translate(
      RuntimeException e, KeywordNames.Rewritten rewritten, String original) {
    if (Causes.find(e, StackOverflowError.class) != null) {
      // the parser wraps its own stack overflow as a parse error without a message
      return new SqlStateException(QueryErrors.TOO_COMPLEX, QueryErrors.TOO_DEEP, e);
    }
    SqlParseException parse = Causes.find(e, SqlParseException.class);
    if (parse != null) {
      return new SqlStateException(SYNTAX_ERROR, parseMessage(parse, rewritten), e);
    }
    CalciteContextException context = Causes.find(e, CalciteContextException.class);
    if (context != null) {
      String message = validatorMessage(context, rewritten);
      Matcher lambda = LAMBDA_COLUMN.matcher(message);
      if (lambda.find()) {
        // Calcite's lambdas see only their parameters; DuckDB's also see the row's columns
        int at = message.lastIndexOf(" (at line ");
        return new SqlStateException(
            FEATURE_NOT_SUPPORTED,
            "not supported by BucketSQL: a lambda that reads the column '"
                + lambda.group(1)
                + "' of the row"
                + (at < 0 ? "" : message.substring(at))
                + "; a lambda of list_transform or list_filter with one"
                + " parameter may read one value of the row (lambda x: x + t.k), not several, nor beside an index"
                + " parameter or in list_reduce: compute that value in a subquery first, or unnest the list,"
                + " compute per element and list(...) it back grouped by the row",
            e);
      }
      return new SqlStateException(validatorState(message), message, e);
    }
    if (Causes.find(e, RelOptPlanner.CannotPlanException.class) != null) {
      return new SqlStateException(FEATURE_NOT_SUPPORTED, unsupportedMessage(original), e);
    }
    return e;
  }

  /** The SQLSTATE of a validator message, by its wording (Calcite's resource texts). */
  static String validatorState(String message) {
    for (String[] rule : VALIDATOR_STATES) {
      if (message.contains(rule[0])) {
        return rule[1];
      }
    }
    return "42000";
  }

  private static String parseMessage(SqlParseException e, KeywordNames.Rewritten rewritten) {
    SqlParserPos pos = e.getPos();
    String where =
        pos == null
            ? ""
            : String.format(
                Locale.ROOT,
                " at line %d, column %d",
                pos.getLineNum(),
                rewritten.originalColumn(pos.getLineNum(), pos.getColumnNum()));
    String message = String.valueOf(e.getMessage());
    String near = encountered(message);
    if (near != null && pos != null && CLAUSE_WORDS.contains(near.toUpperCase(Locale.ROOT))) {
      near = withNextToken(rewritten.sql(), pos, near);
    }
    StringBuilder s = new StringBuilder("SQL syntax error").append(where);
    if (near != null) {
      s.append(" near '").append(near).append('\'');
      String reserved = reservedName(near.split("\\s+"));
      if (reserved != null) {
        s.append(": ")
            .append(reserved)
            .append(" is a reserved word, write \"")
            .append(reserved)
            .append("\" to use it as a name");
      }
    } else {
      String first = message.lines().findFirst().orElse(message).trim();
      s.append(": ").append(first.length() > 200 ? first.substring(0, 200) + "..." : first);
    }
    return s.toString();
  }

  /** {@code keyword} and the token after it in {@code sql}, where the parser stopped. */
  private static String withNextToken(String sql, SqlParserPos pos, String keyword) {
    int offset = 0;
    for (int line = 1; line < pos.getLineNum() && offset >= 0; line++) {
      offset = sql.indexOf('\n', offset) + 1;
    }
    int at = offset + pos.getColumnNum() - 1;
    if (offset < 0 || at < 0 || at >= sql.length()) {
      return keyword;
    }
    Matcher m = NEXT_TOKEN.matcher(sql).region(at, sql.length());
    return m.lookingAt() ? m.group(1) + " " + m.group(2) : keyword;
  }

  /** The tokens the parser stopped at, as typed. */
  private static @Nullable String encountered(String message) {
    Matcher m = ENCOUNTERED.matcher(message);
    if (m.find()) {
      return m.group(1).trim().replace("\\'", "'");
    }
    Matcher k = NEAR_KEYWORD.matcher(message);
    return k.find() ? k.group(1) : null;
  }

  /**
   * The reserved word the user most likely meant as a name: the first of the tokens, unless it is
   * punctuation or a clause keyword (the parser stops at the clause whose expression failed, as in
   * {@code WHERE order = 1}); then the next reserved word.
   */
  private static @Nullable String reservedName(String[] tokens) {
    if (tokens.length == 0) {
      return null;
    }
    if (!CLAUSE_WORDS.contains(tokens[0].toUpperCase(Locale.ROOT)) && isReserved(tokens[0])) {
      return tokens[0];
    }
    if (tokens[0].matches("[A-Za-z_]+")
        && !CLAUSE_WORDS.contains(tokens[0].toUpperCase(Locale.ROOT))) {
      return null;
    }
    for (int i = 1; i < tokens.length; i++) {
      if (isReserved(tokens[i])) {
        return tokens[i];
      }
    }
    return null;
  }

  private static boolean isReserved(String token) {
    return token.matches("[A-Za-z_]+") && KEYWORDS.isReservedWord(token.toUpperCase(Locale.ROOT));
  }

  private static String validatorMessage(
      CalciteContextException e, KeywordNames.Rewritten rewritten) {
    String message = String.valueOf(e.getMessage());
    Matcher m = VALIDATOR_POSITION.matcher(message);
    String bare = m.find() ? message.substring(m.end()) : message;
    if (e.getPosLine() <= 0) {
      return bare;
    }
    return String.format(
        Locale.ROOT,
        "%s (at line %d, column %d)",
        bare,
        e.getPosLine(),
        rewritten.originalColumn(e.getPosLine(), e.getPosColumn()));
  }

  private static String unsupportedMessage(String sql) {
    for (Unsupported u : UNSUPPORTED) {
      if (u.pattern.matcher(sql).find()) {
        return "not supported by BucketSQL: " + u.construct + " (see docs/sql.md)";
      }
    }
    return "not supported by BucketSQL: this statement combines constructs the engine cannot"
        + " execute (see docs/sql.md)";
  }

  private record Unsupported(Pattern pattern, String construct) {
    Unsupported(String regex, String construct) {
      this(Pattern.compile(regex), construct);
    }
  }
}
