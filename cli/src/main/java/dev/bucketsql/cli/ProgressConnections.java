package dev.bucketsql.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A connection whose statements tell a {@link SqlProgress} when they run, so that the shell
 * (sqlline, which knows nothing of it) gets its progress line erased before a result prints.
 */
final class ProgressConnections {
  private ProgressConnections() {}

  /** {@code connection}, its statements reporting to {@code progress}. */
  static Connection wrap(Connection connection, SqlProgress progress) {
    return (Connection)
        Proxy.newProxyInstance(
            ProgressConnections.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = call(connection, method, args);
              Class<?> type = method.getReturnType();
              if (result instanceof Statement && Statement.class.isAssignableFrom(type)) {
                return statement(result, type, progress);
              }
              return result;
            });
  }

  private static Object statement(Object statement, Class<?> type, SqlProgress progress) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (!method.getName().startsWith("execute")) {
            return call(statement, method, args);
          }
          progress.running(true);
          try {
            return call(statement, method, args);
          } finally {
            progress.running(false);
          }
        };
    return Proxy.newProxyInstance(
        ProgressConnections.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
