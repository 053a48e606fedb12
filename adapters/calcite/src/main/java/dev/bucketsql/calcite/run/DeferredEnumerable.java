package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.BiFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.runtime.ArrayBindable;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The enumerable plan an engine subtree replaced, kept as generated code but compiled only when it
 * first runs: with the engine on (the default) it never does, and compiling it with every new
 * statement cost most of code generation (10-20 ms of Janino for a TPC-H join). The code is a class
 * of its own ({@code EnumerableRelImplementor.implementRoot} over the replaced plan, with its own
 * stashed objects), compiled once per plan by the first execution with {@code engine=false}, and
 * then shared by that plan's later executions; a plan whose code reads anything of the enclosing
 * plan (a correlation variable) is not deferred ({@link EngineImplementor}).
 *
 * <p>Public for the generated code, which calls {@link #rows}.
 */
public final class DeferredEnumerable {
  private static final java.util.concurrent.atomic.AtomicLong COMPILED =
      new java.util.concurrent.atomic.AtomicLong();

  private final ClassDeclaration code;
  private final Map<String, Object> stashed;
  private final boolean singleColumn;
  private final BiFunction<ClassDeclaration, String, ArrayBindable> compiler;
  private @Nullable ArrayBindable bindable;

  /**
   * A plan to compile when first run.
   *
   * @param code the class {@code implementRoot} generated
   * @param stashed the objects its code reads from the data context by name
   * @param singleColumn whether its rows are one column, which the class makes values, not arrays
   * @param compiler compiles the class from its declaration and source text
   */
  DeferredEnumerable(
      ClassDeclaration code,
      Map<String, Object> stashed,
      boolean singleColumn,
      BiFunction<ClassDeclaration, String, ArrayBindable> compiler) {
    this.code = requireNonNull(code, "code is null");
    this.stashed = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(stashed));
    this.singleColumn = singleColumn;
    this.compiler = requireNonNull(compiler, "compiler is null");
  }

  /** The rows of the plan as arrays, for the execution whose context is {@code root}. */
  @SuppressWarnings("unchecked") // a single column's rows are its values
  public Enumerable<Object[]> rows(DataContext root) {
    Enumerable<Object[]> rows = compiled().bind(new WithStashed(root, stashed));
    if (singleColumn) {
      // one column comes as its values (as for any compiled plan), the engine's callers want rows
      Enumerable<Object> values = (Enumerable<Object>) (Enumerable<?>) rows;
      return values.select(v -> new Object[] {v});
    }
    return rows;
  }

  /** How many deferred plans this JVM has compiled so far (for tests and diagnostics). */
  public static long compilations() {
    return COMPILED.get();
  }

  private synchronized ArrayBindable compiled() {
    if (bindable == null) {
      bindable = compiler.apply(code, Expressions.toString(code.memberDeclarations, "\n", false));
      COMPILED.incrementAndGet();
    }
    return bindable;
  }

  /** The execution's context, with the plan's own stashed objects first. */
  private static final class WithStashed implements DataContext {
    private final DataContext root;
    private final Map<String, Object> stashed;

    WithStashed(DataContext root, Map<String, Object> stashed) {
      this.root = requireNonNull(root, "root is null");
      this.stashed = stashed;
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
      return root.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return root.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return root.getQueryProvider();
    }

    @Override
    public @Nullable Object get(String name) {
      return stashed.containsKey(name) ? stashed.get(name) : root.get(name);
    }
  }
}
