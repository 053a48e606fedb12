package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.calcite.meta.CatalogRows;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Adds the nearest names to the errors for an unknown table (42P01), column (42703) or function
 * (42883), as DuckDB does: {@code Object 'PP_recipe' not found; did you mean "PP_recipes"? (at line
 * 1, column 15)}. Names are compared without regard to case by edit distance; a name is suggested
 * when at most half of its letters (at least two) differ and no other name is nearer, up to three.
 * Tables are those of every schema; columns those of the tables the statement names; functions the
 * operators and the functions of the connection. The SQLSTATE stays.
 */
final class DidYouMean {
  private static final Pattern TABLE = Pattern.compile("^(?:Object|Table) '([^']+)' not found");
  private static final Pattern COLUMN = Pattern.compile("^Column '([^']+)' not found");
  private static final Pattern FUNCTION =
      Pattern.compile("^No match found for function signature ([^(]+)\\(");
  private static final int MAX_SUGGESTIONS = 3;

  private DidYouMean() {}

  /** {@code e}, or an exception of the same SQLSTATE whose message suggests names. */
  static RuntimeException suggest(RuntimeException e, CalcitePrepare.Context context, String sql) {
    if (!(e instanceof SqlStateException s) || s.getMessage() == null) {
      return e;
    }
    try {
      String message = s.getMessage();
      List<String> near =
          switch (s.sqlState()) {
            case "42P01" -> nearest(match(TABLE, message), tables(context));
            case "42703" -> nearest(match(COLUMN, message), columns(context, sql));
            case "42883" -> nearest(match(FUNCTION, message), functions(context));
            default -> List.of();
          };
      if (near.isEmpty()) {
        return e;
      }
      StringBuilder hint = new StringBuilder("; did you mean ");
      for (int i = 0; i < near.size(); i++) {
        hint.append(i == 0 ? "" : i == near.size() - 1 ? " or " : ", ")
            .append('"')
            .append(near.get(i))
            .append('"');
      }
      hint.append('?');
      int at = message.lastIndexOf(" (at line ");
      String suggested =
          at < 0 ? message + hint : message.substring(0, at) + hint + message.substring(at);
      return new SqlStateException(
          s.sqlState(), suggested, s.getCause() == null ? s : s.getCause());
    } catch (RuntimeException lookupFailed) {
      // a suggestion is a courtesy: the original error stands
      e.addSuppressed(lookupFailed);
      return e;
    }
  }

  private static @Nullable String match(Pattern pattern, String message) {
    Matcher m = pattern.matcher(message);
    return m.find() ? m.group(1).strip() : null;
  }

  /** The candidates nearest {@code name} (up to three); none when {@code name} is one of them. */
  static List<String> nearest(@Nullable String name, Collection<String> candidates) {
    if (name == null) {
      return List.of();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, wanted.length() / 2);
    List<String> found = new ArrayList<>();
    int[] distances = new int[candidates.size()];
    List<String> all = new ArrayList<>(new LinkedHashSet<>(candidates));
    for (int i = 0; i < all.size(); i++) {
      String candidate = all.get(i).toLowerCase(Locale.ROOT);
      if (candidate.equals(wanted)) {
        return List.of();
      }
      distances[i] = distance(wanted, candidate);
    }
    // the nearest names only: all at the smallest distance within the limit
    for (int d = 1; d <= limit && found.isEmpty(); d++) {
      for (int i = 0; i < all.size() && found.size() < MAX_SUGGESTIONS; i++) {
        if (distances[i] == d) {
          found.add(all.get(i));
        }
      }
    }
    return found;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static List<String> tables(CalcitePrepare.Context context) {
    List<String> names = new ArrayList<>();
    for (CatalogRows.TableRow t : CatalogRows.tables(context.getRootSchema().plus())) {
      names.add(t.name());
    }
    return names;
  }

  /** The columns of the tables whose names the statement contains. */
  private static List<String> columns(CalcitePrepare.Context context, String sql) {
    Set<String> words = new LinkedHashSet<>();
    for (Token t : KeywordNames.tokenize(sql)) {
      if (t.kind() == Kind.WORD) {
        words.add(t.text().toLowerCase(Locale.ROOT));
      } else if (t.kind() == Kind.QUOTED) {
        words.add(t.text().substring(1, t.text().length() - 1).toLowerCase(Locale.ROOT));
      }
    }
    List<String> names = new ArrayList<>();
    SchemaPlus root = context.getRootSchema().plus();
    for (CatalogRows.TableRow t : CatalogRows.tables(root)) {
      if (!words.contains(t.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      RelDataType rowType = t.rowType(context.getTypeFactory());
      if (rowType != null) {
        for (RelDataTypeField f : rowType.getFieldList()) {
          names.add(f.getName());
        }
      }
    }
    return names;
  }

  private static List<String> functions(CalcitePrepare.Context context) {
    Set<String> names = new LinkedHashSet<>();
    List<SqlOperator> operators =
        new ArrayList<>(
            SqlLibraryOperatorTableFactory.INSTANCE
                .getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL)
                .getOperatorList());
    operators.addAll(DuckDbOperators.TABLE.getOperatorList());
    operators.addAll(TypeOf.TABLE.getOperatorList());
    operators.addAll(DuckEpoch.TABLE.getOperatorList());
    for (SqlOperator op : operators) {
      if (op.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        names.add(op.getName().toLowerCase(Locale.ROOT));
      }
    }
    for (String f : context.getRootSchema().getFunctionNames()) {
      names.add(f.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(names);
  }
}
