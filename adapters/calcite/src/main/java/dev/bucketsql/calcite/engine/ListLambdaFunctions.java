package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Function2;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.linq4j.function.Predicate2;

/**
 * What {@link ListLambdas} compute, called from generated code with the lambda compiled into a
 * {@link Function1} (one parameter) or {@link Function2} (two). As in DuckDB: a NULL list gives
 * NULL, NULL elements are passed to the lambda like any other, and an index parameter counts from
 * 1.
 */
public final class ListLambdaFunctions {
  private ListLambdaFunctions() {}

  /** {@code list_transform(l, x -> f(x))}, or with {@code (x, i) -> ...}: each element mapped. */
  public static List<Object> transform(List<?> list, Object function) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(apply(function, list.get(i), i));
    }
    return out;
  }

  /** {@code list_filter(l, x -> p(x))}: the elements for which {@code p} is true, in order. */
  public static List<Object> filter(List<?> list, Object function) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (Boolean.TRUE.equals(apply(function, list.get(i), i))) {
        out.add(list.get(i));
      }
    }
    return out;
  }

  /**
   * {@code list_transform(l, x -> f(x, c))} where {@code c} is a value of the row, compiled as
   * {@code (x, c) -> f(x, c)} and given {@code captured} for {@code c}.
   */
  public static List<Object> transformWith(List<?> list, Object function, Object captured) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object e : list) {
      out.add(applyWith(function, e, captured));
    }
    return out;
  }

  /** {@code list_filter(l, x -> p(x, c))}, as {@link #transformWith}. */
  public static List<Object> filterWith(List<?> list, Object function, Object captured) {
    if (list == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object e : list) {
      if (Boolean.TRUE.equals(applyWith(function, e, captured))) {
        out.add(e);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object applyWith(Object function, Object element, Object captured) {
    return function instanceof Predicate2<?, ?> p
        ? (Object) ((Predicate2<Object, Object>) p).apply(element, captured)
        : ((Function2<Object, Object, Object>) function).apply(element, captured);
  }

  /**
   * {@code list_reduce(l, (acc, x) -> f(acc, x))}: the first element, combined with each next one
   * in turn. An empty list has nothing to start from and is an error, as in DuckDB.
   */
  @SuppressWarnings("unchecked")
  public static Object reduce(List<?> list, Object function) {
    if (list == null) {
      return null;
    }
    if (list.isEmpty()) {
      throw new SqlStateException(
          "22023",
          "list_reduce: cannot reduce an empty list; filter empty lists out first (WHERE len(l) > 0)");
    }
    Object acc = list.get(0);
    for (int i = 1; i < list.size(); i++) {
      acc =
          function instanceof Predicate2<?, ?> p
              ? (Object) ((Predicate2<Object, Object>) p).apply(acc, list.get(i))
              : ((Function2<Object, Object, Object>) function).apply(acc, list.get(i));
    }
    return acc;
  }

  /**
   * The lambda applied to an element (and its index, counted from 1). A lambda whose body is a
   * boolean that cannot be NULL is compiled into a predicate rather than a function.
   */
  @SuppressWarnings("unchecked")
  private static Object apply(Object function, Object element, int index) {
    if (function instanceof Function2<?, ?, ?> two) {
      return ((Function2<Object, Object, Object>) two).apply(element, (long) index + 1);
    }
    if (function instanceof Predicate2<?, ?> two) {
      return ((Predicate2<Object, Object>) two).apply(element, (long) index + 1);
    }
    if (function instanceof Predicate1<?> one) {
      return ((Predicate1<Object>) one).apply(element);
    }
    return ((Function1<Object, Object>) function).apply(element);
  }
}
