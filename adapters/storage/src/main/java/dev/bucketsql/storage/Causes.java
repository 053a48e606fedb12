package dev.bucketsql.storage;

import java.lang.reflect.InvocationTargetException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Walks the causal chain of a failure. Every layer that turns a failure into a message (the S3
 * errors here, the SQL errors of the engine, the JDBC driver and the server) searches the chain
 * through this one class, so they agree on what counts as a cause: {@link Throwable#getCause}, the
 * exception inside an {@link ExceptionInInitializerError} (Calcite computes constant expressions in
 * static initializers of generated code) and inside an {@link InvocationTargetException}, stopping
 * at a cycle.
 */
public final class Causes {
  /** Longest chain looked at; a longer one is a cycle through distinct wrappers. */
  private static final int MAX_DEPTH = 64;

  private Causes() {}

  /**
   * The first throwable in the chain of {@code e} (itself included) that is a {@code type}, or
   * null.
   */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e;
        t != null && seen.put(t, Boolean.TRUE) == null && seen.size() <= MAX_DEPTH;
        t = cause(t)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * The first throwable in the chain of {@code e} (itself included) that {@code test} accepts, or
   * null.
   */
  public static Throwable find(Throwable e, Predicate<Throwable> test) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e;
        t != null && seen.put(t, Boolean.TRUE) == null && seen.size() <= MAX_DEPTH;
        t = cause(t)) {
      if (test.test(t)) {
        return t;
      }
    }
    return null;
  }

  /**
   * Whether some throwable in the chain of {@code e} (itself included) is accepted by {@code test}.
   */
  public static boolean any(Throwable e, Predicate<Throwable> test) {
    return find(e, test) != null;
  }

  /** The message of the {@link #root} of {@code e}, or its class's simple name when it has none. */
  public static String rootMessage(Throwable e) {
    Throwable root = root(e);
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Like {@link #find}, as an optional. */
  public static <T extends Throwable> Optional<T> first(Throwable e, Class<T> type) {
    return Optional.ofNullable(find(e, type));
  }

  /** The last throwable of the chain of {@code e}: the one that started it. */
  public static Throwable root(Throwable e) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable last = e;
    for (Throwable t = e;
        t != null && seen.put(t, Boolean.TRUE) == null && seen.size() <= MAX_DEPTH;
        t = cause(t)) {
      last = t;
    }
    return last;
  }

  /** The cause of {@code t}, looking inside the wrappers that do not use {@code getCause}. */
  public static Throwable cause(Throwable t) {
    if (t instanceof ExceptionInInitializerError e && e.getException() != null) {
      return e.getException();
    }
    if (t instanceof InvocationTargetException e && e.getTargetException() != null) {
      return e.getTargetException();
    }
    Throwable cause = t.getCause();
    return cause == t ? null : cause;
  }
}
