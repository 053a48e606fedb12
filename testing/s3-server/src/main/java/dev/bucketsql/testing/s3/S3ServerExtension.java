package dev.bucketsql.testing.s3;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one shared {@link S3TestServer} per test run: declare a
 * parameter of type {@code S3TestServer} in a test, a constructor or a lifecycle method.
 *
 * <p>The server starts on first use and stops when the root extension context closes, so every test
 * class of a module talks to the same server; tests use their own buckets.
 */
public final class S3ServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(S3ServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The shared server of this test run, started on first call. */
  public static S3TestServer shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", k -> new Holder(S3TestServer.startInMemory()), Holder.class)
        .server;
  }

  private record Holder(S3TestServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
