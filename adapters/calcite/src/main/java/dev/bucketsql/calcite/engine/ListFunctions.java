package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * DuckDB's list functions as DuckDB computes them; {@link ListOperators} gives them their SQL names
 * and types. A list is a {@code java.util.List}, Calcite's value of an ARRAY. Called by generated
 * code; public for that reason only.
 */
public final class ListFunctions {
  /**
   * Numbers by value whatever their Java class, doubles in DuckDB's order (NaN above every number
   * and equal to itself, -0.0 equal to 0.0); then text; NULLs last.
   */
  static final Comparator<Object> ORDER =
      Comparator.nullsLast(
          (a, b) ->
              a instanceof Number x && b instanceof Number y
                  ? compareNumbers(x, y)
                  : compareOther(a, b));

  private ListFunctions() {}

  /**
   * {@code string_split(s, sep)}: the pieces of {@code s}; an empty separator splits characters.
   */
  public static List<String> split(String s, String separator) {
    if (s == null || separator == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (separator.isEmpty()) {
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
      return out;
    }
    int from = 0;
    for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
      out.add(s.substring(from, at));
      from = at + separator.length();
    }
    out.add(s.substring(from));
    return out;
  }

  /** {@code len(x)}: the elements of a list, or the characters of a string. */
  public static Long len(Object x) {
    if (x instanceof String s) {
      return DuckDbStrings.len(s);
    }
    return x == null ? null : (long) ((List<?>) x).size();
  }

  /** {@code list_extract(l, i)}, {@code l[i]}: 1-based, from the end when negative, else NULL. */
  public static Object extract(List<?> list, Object index) {
    if (list == null || index == null) {
      return null;
    }
    long i = ((Number) index).longValue();
    long at = i > 0 ? i - 1 : list.size() + i;
    return i == 0 || at < 0 || at >= list.size() ? null : list.get((int) at);
  }

  /**
   * {@code list_has_any(a, b)}: whether an element of {@code b} equals one of {@code a} (numbers by
   * value, NULL elements ignored); NULL when a list is NULL, as in DuckDB.
   */
  public static Boolean hasAny(List<?> a, List<?> b) {
    if (a == null || b == null) {
      return null;
    }
    for (Object x : b) {
      if (x != null && Boolean.TRUE.equals(contains(a, x))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code list_has_all(a, b)}: whether every element of {@code b} equals one of {@code a} (NULL
   * elements of {@code b} ignored, so an empty {@code b} gives true); NULL when a list is NULL.
   */
  public static Boolean hasAll(List<?> a, List<?> b) {
    if (a == null || b == null) {
      return null;
    }
    for (Object x : b) {
      if (x != null && !Boolean.TRUE.equals(contains(a, x))) {
        return false;
      }
    }
    return true;
  }

  /** {@code array_pop_back(l)}: the list without its last element (an empty list stays empty). */
  public static List<Object> popBack(List<?> list) {
    return list == null ? null : new ArrayList<>(list.subList(0, Math.max(0, list.size() - 1)));
  }

  /** {@code array_pop_front(l)}: the list without its first element. */
  public static List<Object> popFront(List<?> list) {
    return list == null
        ? null
        : new ArrayList<>(list.subList(Math.min(1, list.size()), list.size()));
  }

  /** {@code list_contains(l, x)}: whether an element equals {@code x} (numbers by value). */
  public static Boolean contains(List<?> list, Object x) {
    if (list == null || x == null) {
      return null;
    }
    for (Object e : list) {
      if (e != null && equal(e, x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code list_sort(l)}: ascending, NULLs last. */
  public static List<Object> sort(List<?> list) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>(list);
    out.sort(ORDER);
    return out;
  }

  /** {@code list_reverse_sort(l)}: descending, NULLs last. */
  public static List<Object> reverseSort(List<?> list) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>(list);
    out.sort(Comparator.nullsLast(ORDER.reversed()));
    return out;
  }

  /** {@code list_distinct(l)}: each value once, NULLs dropped, in order of first occurrence. */
  public static List<Object> distinct(List<?> list) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object e : list) {
      if (e != null && out.stream().noneMatch(o -> equal(o, e))) {
        out.add(e);
      }
    }
    return out;
  }

  /** {@code list_concat(a, b)}: the elements of both; a NULL list counts as empty. */
  public static List<Object> concat(List<?> a, List<?> b) {
    if (a == null && b == null) {
      return null;
    }
    List<Object> out = new ArrayList<>(a == null ? List.of() : a);
    out.addAll(b == null ? Collections.emptyList() : b);
    return out;
  }

  /**
   * {@code array_to_string(l, sep)}: the elements as text joined by {@code sep}, NULLs left out.
   */
  public static String join(List<?> list, String separator) {
    if (list == null || separator == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object e : list) {
      if (e == null) {
        continue;
      }
      if (!first) {
        out.append(separator);
      }
      out.append(e instanceof List<?> l ? ListFormat.text(l) : e.toString());
      first = false;
    }
    return out.toString();
  }

  /**
   * {@code btrim(s, chars)}, DuckDB's {@code trim(s, chars)}: any of {@code chars} off both ends.
   */
  public static String trim(String s, String chars) {
    if (s == null || chars == null) {
      return null;
    }
    int start = 0;
    int end = s.length();
    while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size()
          && Arrays.equals(x.toArray(), y.toArray(), (p, q) -> equal(p, q) ? 0 : 1);
    }
    return Objects.equals(a, b);
  }

  /**
   * Finite numbers exactly, through {@code BigDecimal}; a NaN or an infinity by {@link
   * DoubleOrder#key}, so NaN is the greatest double and equals NaN, as in DuckDB.
   */
  private static int compareNumbers(Number x, Number y) {
    if (!finite(x) || !finite(y)) {
      return Long.compare(DoubleOrder.key(x.doubleValue()), DoubleOrder.key(y.doubleValue()));
    }
    return decimal(x).compareTo(decimal(y));
  }

  private static boolean finite(Number n) {
    return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareOther(Object a, Object b) {
    if (a instanceof Comparable c && a.getClass() == b.getClass()) {
      return c.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue()); // finite: compareNumbers keys the others
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
