package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.FieldDeclaration;
import org.apache.calcite.linq4j.tree.VisitorImpl;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.ArrayBindable;
import org.apache.calcite.runtime.SqlFunctions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.CompilerFactoryFactory;
import org.codehaus.commons.compiler.ICompilerFactory;
import org.codehaus.commons.compiler.ISimpleCompiler;

/**
 * The compilation of a plan's generated Java code, keeping the compiled class by its source text,
 * so that a statement whose code is the same as an earlier one's (the same shape, with literals
 * that went into the scans' pushed filters, which the generated code reads from the statement's
 * parameters, or the same text on another connection) skips Janino, which takes about 40% of a new
 * statement's preparation. A class is shared only when identical source makes it: the instance
 * keeps no state of its own (each {@code bind} makes new enumerables over the statement's own
 * parameters), and a class with a static field that could hold state (any but the constants Calcite
 * hoists: numbers, text, the LIKE matcher) is never kept. At most {@value #MAX_CLASSES} classes,
 * least recently used first out.
 *
 * <p>Calcite hands the generated code to the prepare context's {@link CalcitePrepare.SparkHandler}
 * when that is enabled ({@code EnumerableInterpretable.toBindable}); this handler only compiles: it
 * adds no rules and flattens no types, exactly as Calcite does with its handler disabled.
 */
public final class CompiledPlans implements CalcitePrepare.SparkHandler {
  /** Compiled classes kept for the whole JVM. */
  static final int MAX_CLASSES = 512;

  /**
   * Types of static fields whose values are immutable or thread-safe, so a class with them may be
   * shared.
   */
  private static final Set<Type> SHAREABLE =
      Set.of(
          boolean.class,
          byte.class,
          short.class,
          int.class,
          long.class,
          float.class,
          double.class,
          char.class,
          Boolean.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          Character.class,
          String.class,
          BigDecimal.class,
          SqlFunctions.LikeFunction.class);

  /** The one instance: the cache is the JVM's. */
  public static final CompiledPlans INSTANCE = new CompiledPlans();

  private final Map<String, ArrayBindable> classes =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayBindable> eldest) {
          return size() > MAX_CLASSES;
        }
      };
  private final ClassLoader loader =
      new MissingClasses(requireNonNull(CompiledPlans.class.getClassLoader(), "class loader"));
  private long compiled;
  private long reused;

  private CompiledPlans() {}

  @Override
  public ArrayBindable compile(ClassDeclaration expr, String s) {
    requireNonNull(expr, "expr is null");
    requireNonNull(s, "s is null");
    if (hasStaticState(expr)) {
      return newInstance(expr.name, s);
    }
    synchronized (classes) {
      ArrayBindable kept = classes.get(s);
      if (kept != null) {
        reused++;
        return kept;
      }
    }
    // compiled outside the lock: two threads compiling the same code both get a working class
    ArrayBindable bindable = newInstance(expr.name, s);
    synchronized (classes) {
      compiled++;
      classes.putIfAbsent(s, bindable);
    }
    return bindable;
  }

  /** How many classes were compiled and kept, and how many times a kept one was reused. */
  String statistics() {
    synchronized (classes) {
      return "compiled=" + compiled + " reused=" + reused + " kept=" + classes.size();
    }
  }

  /**
   * Whether the generated class has a static field that could hold state: Calcite hoists constant
   * expressions into static final fields; numbers, text and the LIKE matcher (whose only state is a
   * thread-safe cache of patterns) are values any statement may share.
   */
  private static boolean hasStaticState(ClassDeclaration expr) {
    boolean[] found = {false};
    expr.accept(
        new VisitorImpl<Void>() {
          @Override
          public Void visit(FieldDeclaration field) {
            if ((field.modifier & Modifier.STATIC) != 0
                && !SHAREABLE.contains(field.parameter.type)) {
              found[0] = true;
            }
            return found[0] ? null : super.visit(field);
          }
        });
    return found[0];
  }

  /**
   * Compiles {@code body} as a class implementing {@link ArrayBindable}; for a result of one column
   * its rows are the values themselves, not arrays (the generated code's element type says which),
   * as in the class Calcite compiles itself.
   */
  private ArrayBindable newInstance(String name, String body) {
    try {
      ICompilerFactory factory = CompilerFactoryFactory.getDefaultCompilerFactory(loader);
      ISimpleCompiler compiler = factory.newSimpleCompiler();
      compiler.setParentClassLoader(loader);
      compiler.cook(
          "public final class "
              + name
              + " implements "
              + ArrayBindable.class.getCanonicalName()
              + " {\n"
              + body
              + "\n}");
      return (ArrayBindable)
          compiler.getClassLoader().loadClass(name).getDeclaredConstructors()[0].newInstance();
    } catch (CompileException e) {
      throw new IllegalStateException("Error while compiling generated Java code:\n" + body, e);
    } catch (Exception e) {
      throw new IllegalStateException("Unable to load the compiled plan: " + e, e);
    }
  }

  @Override
  public RelNode flattenTypes(RelOptPlanner planner, RelNode rootRel, boolean restructure) {
    return rootRel; // what Calcite does when no handler is enabled
  }

  @Override
  public void registerRules(RuleSetBuilder builder) {
    // no rules of its own: the planner keeps Calcite's and BucketPrepare's
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public @Nullable Object sparkContext() {
    return null;
  }
}
