package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;

/**
 * A catalog function that reads the statement's catalog: a static method whose first parameter is
 * the statement's {@link DataContext} (whose root schema is the session's catalog), called from SQL
 * with the other parameters. Calcite's reflective functions cannot see the statement, and OIDs
 * depend on the catalog's listing ({@link PgObjects}), so {@code col_description} and a {@code
 * regclass} cast of a computed name are served this way.
 */
final class PgRootFunction implements ScalarFunction, ImplementableFunction {
  private final Method method;

  private PgRootFunction(Method method) {
    this.method = requireNonNull(method, "method is null");
    if (method.getParameterCount() == 0 || method.getParameterTypes()[0] != DataContext.class) {
      throw new IllegalArgumentException(method + " does not take a DataContext first");
    }
  }

  /** The function served by the static method {@code name} of {@code type}. */
  static PgRootFunction of(Class<?> type, String name) {
    Method found =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no method " + name));
    return new PgRootFunction(found);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> parameters = new ArrayList<>();
    Class<?>[] types = method.getParameterTypes();
    for (int i = 1; i < types.length; i++) {
      int ordinal = i - 1;
      Class<?> javaType = types[i];
      parameters.add(
          new FunctionParameter() {
            @Override
            public int getOrdinal() {
              return ordinal;
            }

            @Override
            public String getName() {
              return "arg" + ordinal;
            }

            @Override
            public RelDataType getType(RelDataTypeFactory typeFactory) {
              return typeFactory.createTypeWithNullability(
                  typeFactory.createJavaType(javaType), true);
            }

            @Override
            public boolean isOptional() {
              return false;
            }
          });
    }
    return parameters;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(
        typeFactory.createJavaType(method.getReturnType()), true);
  }

  @Override
  public CallImplementor getImplementor() {
    // NONE: the method sees NULL arguments and decides (as PostgreSQL's functions do).
    return RexImpTable.createImplementor(
        (translator, call, operands) -> {
          List<Expression> arguments = new ArrayList<>();
          arguments.add(translator.getRoot());
          Class<?>[] types = method.getParameterTypes();
          for (int i = 0; i < operands.size(); i++) {
            arguments.add(Expressions.convert_(Expressions.box(operands.get(i)), types[i + 1]));
          }
          return Expressions.call(method, arguments);
        },
        NullPolicy.NONE,
        false);
  }
}
