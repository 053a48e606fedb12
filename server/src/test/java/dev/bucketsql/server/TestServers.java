package dev.bucketsql.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Servers over Calcite's own driver and the {@link HrSchemaFactory} schema, on a free loopback
 * port. The BucketSQL driver is served the same way, by URL and properties.
 */
final class TestServers implements AutoCloseable {
  static final String URL = "jdbc:calcite:";

  private final Map<Serialization, BucketSqlServer> servers = new EnumMap<>(Serialization.class);

  private TestServers() {}

  /** Starts one server per serialization. */
  static TestServers startAll() {
    TestServers all = new TestServers();
    for (Serialization serialization : Serialization.values()) {
      all.servers.put(serialization, start(builder().serialization(serialization)));
    }
    return all;
  }

  /** A builder for the test schema on port 0; Java lexing keeps the lower-case names as typed. */
  static BucketSqlServer.Builder builder() {
    return BucketSqlServer.builder(URL).port(0).properties(hrProperties());
  }

  static Properties hrProperties() {
    Properties properties = new Properties();
    properties.setProperty("schemaFactory", HrSchemaFactory.class.getName());
    properties.setProperty("schema", "hr");
    properties.setProperty("lex", "JAVA");
    return properties;
  }

  static BucketSqlServer start(BucketSqlServer.Builder builder) {
    BucketSqlServer server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  BucketSqlServer get(Serialization serialization) {
    return servers.get(serialization);
  }

  @Override
  public void close() {
    servers.values().forEach(BucketSqlServer::close);
  }
}
