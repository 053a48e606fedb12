package dev.bucketsql.calcite.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader Janino compiles generated code against: its parent's classes, remembering the
 * names the parent does not have. Janino resolves each simple name of the code by trying it in
 * every imported package, and each miss makes the application class loader search every jar on the
 * class path (a tenth of the compile time with the test class path); a name missing once is missing
 * for good, since the class path does not change while the JVM runs.
 */
final class MissingClasses extends ClassLoader {
  /** Names remembered at most; past this the memory starts again (generated code uses few). */
  private static final int MAX_NAMES = 20_000;

  private final Set<String> missing = ConcurrentHashMap.newKeySet();

  /** Loads through {@code parent}. */
  MissingClasses(ClassLoader parent) {
    super(parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (missing.contains(name)) {
      throw new Missing(name);
    }
    try {
      return super.loadClass(name, resolve);
    } catch (ClassNotFoundException e) {
      if (missing.size() >= MAX_NAMES) {
        missing.clear();
      }
      missing.add(name);
      throw e;
    }
  }

  /** A remembered miss, without the cost of a stack trace nobody reads. */
  private static final class Missing extends ClassNotFoundException {
    private static final long serialVersionUID = 1L;

    Missing(String name) {
      super(name);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
