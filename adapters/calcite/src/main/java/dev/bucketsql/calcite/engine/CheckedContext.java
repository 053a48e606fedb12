package dev.bucketsql.calcite.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.tools.RelRunner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's prepare context whose conformance asks for checked arithmetic, so that Calcite
 * casts every DECIMAL result to its type (a cast that fails when the value does not fit) instead of
 * returning more digits than the type declares. The connection's conformance (lenient) is otherwise
 * unchanged; the connection's config cannot say this itself, since Calcite reads the conformance
 * from a fixed list of dialects. It also hands Calcite {@link CompiledPlans} as the compiler of the
 * plan's generated code, which keeps compiled classes by their source text.
 */
final class CheckedContext implements CalcitePrepare.Context {
  private final CalcitePrepare.Context delegate;
  private final CalciteConnectionConfig config;
  private final List<int[]> integerDivisions;

  /**
   * @param integerDivisions where the statement's {@code //} operators stand ({@link
   *     IntegerDivisions#mark})
   */
  CheckedContext(CalcitePrepare.Context delegate, List<int[]> integerDivisions) {
    this.delegate = delegate;
    this.config = checked(delegate.config());
    this.integerDivisions = integerDivisions;
  }

  /** Where the statement's {@code //} operators stand, for {@link IntegerDivisions#rewrite}. */
  List<int[]> integerDivisions() {
    return integerDivisions;
  }

  private static CalciteConnectionConfig checked(CalciteConnectionConfig config) {
    SqlConformance conformance =
        new SqlDelegatingConformance(config.conformance()) {
          @Override
          public boolean checkedArithmetic() {
            return true;
          }
        };
    return (CalciteConnectionConfig)
        Proxy.newProxyInstance(
            CalciteConnectionConfig.class.getClassLoader(),
            new Class<?>[] {CalciteConnectionConfig.class},
            (proxy, method, args) -> {
              if (method.getName().equals("conformance") && method.getParameterCount() == 0) {
                return conformance;
              }
              try {
                return method.invoke(config, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return delegate.getTypeFactory();
  }

  @Override
  public CalciteSchema getRootSchema() {
    return delegate.getRootSchema();
  }

  @Override
  public CalciteSchema getMutableRootSchema() {
    return delegate.getMutableRootSchema();
  }

  @Override
  public List<String> getDefaultSchemaPath() {
    return delegate.getDefaultSchemaPath();
  }

  @Override
  public CalciteConnectionConfig config() {
    return config;
  }

  @Override
  public CalcitePrepare.SparkHandler spark() {
    // not a Spark engine: the hook through which Calcite compiles generated code, kept by its text
    return CompiledPlans.INSTANCE;
  }

  @Override
  public DataContext getDataContext() {
    return delegate.getDataContext();
  }

  @Override
  public @Nullable List<String> getObjectPath() {
    return delegate.getObjectPath();
  }

  @Override
  public RelRunner getRelRunner() {
    return delegate.getRelRunner();
  }
}
