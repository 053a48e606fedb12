package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shaded driver jar, alone in a class loader whose parent is the platform class loader (as a BI
 * tool's driver manager loads it), finds its driver through the service file, connects to a real S3
 * server and answers a query.
 */
@ExtendWith(S3ServerExtension.class)
class ShadedDriverIT {
  private static Path shadedJar() {
    Path jar = Path.of(System.getProperty("bucketsql.shadedJar", "target/missing-all.jar"));
    assertThat(jar).exists();
    return jar;
  }

  @Test
  void loadsAloneAndAnswersAQuery(S3TestServer server) throws Exception {
    server.createBucket("shaded");
    server.putObject(
        "shaded",
        "notes.csv",
        "id,text\n1,\"a, b\"\n2,\"line\nbreak\"\n3,\"say \"\"hi\"\"\"\n"
            .getBytes(StandardCharsets.UTF_8));

    server.putObject("shaded", "parts/part=0/p.csv", "n\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    server.putObject("shaded", "parts/part=1/p.csv", "n\n5\n".getBytes(StandardCharsets.UTF_8));
    server.putObject("shaded", "sub/readme.txt", "x".getBytes(StandardCharsets.UTF_8));
    server.putObject("shaded", "sub/t.csv", "k\nabc\n".getBytes(StandardCharsets.UTF_8));

    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      List<Driver> drivers = new ArrayList<>();
      ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
      Driver driver =
          drivers.stream()
              .filter(d -> d.getClass().getName().equals("dev.bucketsql.jdbc.BucketSqlDriver"))
              .findFirst()
              .orElseThrow();
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);

      Properties props = S3TestServer.jdbcKeys();
      String url = server.jdbcUrl("shaded");
      try (Connection c = driver.connect(url, props)) {
        assertThat(crawl(c.getMetaData()))
            .contains(
                "shaded.notes: id BIGINT, text VARCHAR",
                "shaded.parts: n BIGINT, part BIGINT",
                "sub.t: k VARCHAR");
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM notes")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(3);
          assertThat(rs.getInt(2)).isEqualTo(3);
        }
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT SUM(n) FROM parts WHERE part = 1")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(5);
        }
      }
    }
  }

  /**
   * Parquet through the shaded jar, whose parquet-java, fastutil, commons-math3 and Guava are
   * minimized and whose Jackson copies are merged into one: a ZSTD file with dictionaries, a bloom
   * filter and column indexes, read with pruning by each, plus date arithmetic (Calcite's time
   * frames) and a JSON function (Jackson through Calcite). Expected values are computed from the
   * generator's formulas.
   */
  @Test
  void readsParquetThroughEveryPruningPath(S3TestServer server) throws Exception {
    ParquetEventsFile.ensure(server);
    long mRows = 0;
    long mIdSum = 0;
    long betweenCount = 0;
    long namedBetween = 0;
    for (int id = 0; id < ParquetEventsFile.ROWS; id++) {
      int group = id / (ParquetEventsFile.ROWS / ParquetEventsFile.GROUPS);
      if (group % 2 == 1 && id % 10 == 5) {
        mRows++;
        mIdSum += id;
      }
      if (id >= 1234 && id <= 1300) {
        betweenCount++;
        namedBetween += id % 7 != 0 ? 1 : 0;
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver =
          (Driver)
              loader.loadClass("dev.bucketsql.jdbc.BucketSqlDriver").getConstructor().newInstance();
      try (Connection c =
              driver.connect(server.jdbcUrl(ParquetEventsFile.BUCKET), S3TestServer.jdbcKeys());
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery("SELECT COUNT(*), SUM(id) FROM events WHERE cat = 'm'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(mRows);
          assertThat(rs.getLong(2)).isEqualTo(mIdSum);
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE tag = 'missing'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isZero();
        }
        int id = 4321;
        try (ResultSet rs =
            s.executeQuery(
                "SELECT id, score FROM events WHERE tag = '" + ParquetEventsFile.tag(id) + "'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(id);
          assertThat(rs.getDouble(2)).isEqualTo(id / 2.0);
        }
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), COUNT(name), MIN(event_day), MAX(FLOOR(ts TO HOUR)),"
                    + " MAX(TIMESTAMPADD(MONTH, 1, event_day)), MAX(JSON_VALUE('{\"a\": 7}', '$.a'))"
                    + " FROM events WHERE id BETWEEN 1234 AND 1300")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(betweenCount);
          assertThat(rs.getLong(2)).isEqualTo(namedBetween);
          assertThat(rs.getDate(3).toLocalDate())
              .isEqualTo(java.time.LocalDate.ofEpochDay(17000 + 1234 / 10));
          java.time.LocalDateTime lastTs =
              java.time.LocalDateTime.ofEpochSecond(
                  1_500_000_000L + 1300, 0, java.time.ZoneOffset.UTC);
          assertThat(rs.getTimestamp(4).toLocalDateTime())
              .isEqualTo(lastTs.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
          assertThat(rs.getDate(5).toLocalDate())
              .isEqualTo(java.time.LocalDate.ofEpochDay(17000 + 1300 / 10).plusMonths(1));
          assertThat(rs.getString(6)).isEqualTo("7");
        }
      }
    }
  }

  /**
   * The driver's logs reach {@code java.util.logging} from the shaded jar alone: its relocated
   * SLF4J has a provider, so the S3 layer's INFO line on connect and the planner's DEBUG line
   * arrive at a handler the host installed, under the logging class's name.
   */
  @Test
  void logsThroughJavaUtilLogging(S3TestServer server) throws Exception {
    server.createBucket("logged");
    server.putObject("logged", "t.csv", "n\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    java.util.logging.Logger store =
        java.util.logging.Logger.getLogger("dev.bucketsql.storage.s3.S3ObjectStore");
    java.util.logging.Logger planner =
        java.util.logging.Logger.getLogger("dev.bucketsql.calcite.engine.BucketPrepare");
    Level plannerLevel = planner.getLevel();
    store.addHandler(handler);
    planner.addHandler(handler);
    planner.setLevel(Level.FINE);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver =
          (Driver)
              loader.loadClass("dev.bucketsql.jdbc.BucketSqlDriver").getConstructor().newInstance();
      try (Connection c = driver.connect(server.jdbcUrl("logged"), S3TestServer.jdbcKeys());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT SUM(n) FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    } finally {
      store.removeHandler(handler);
      planner.removeHandler(handler);
      planner.setLevel(plannerLevel);
    }
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.INFO);
              assertThat(r.getLoggerName()).isEqualTo("dev.bucketsql.storage.s3.S3ObjectStore");
              assertThat(r.getSourceClassName())
                  .isEqualTo("dev.bucketsql.storage.s3.S3ObjectStore");
              assertThat(r.getMessage())
                  .startsWith("connected to s3://logged/ at http://127.0.0.1:");
            })
        .anySatisfy(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.FINE);
              assertThat(r.getMessage()).startsWith("planned in ").contains("SELECT SUM(n) FROM t");
            });
  }

  /**
   * The remote driver is in the same jar and service file, and its HTTP client (relocated) loads:
   * connecting to a port nobody listens on fails with the connection error.
   */
  @Test
  void remoteDriverLoadsAlone() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      List<Driver> drivers = new ArrayList<>();
      ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
      Driver driver =
          drivers.stream()
              .filter(d -> d.getClass().getName().equals("dev.bucketsql.jdbc.remote.RemoteDriver"))
              .findFirst()
              .orElseThrow();
      String url = "jdbc:bucketsql:remote:url=http://127.0.0.1:" + port + ";serialization=protobuf";
      assertThat(driver.acceptsURL(url)).isTrue();
      Properties props = new Properties();
      props.setProperty("http_connection_timeout", "2000");
      assertThatThrownBy(() -> driver.connect(url, props))
          .hasStackTraceContaining("Connection refused");
    }
  }

  /**
   * What DBeaver does on connect: the schemas, then the tables of each, then the columns of every
   * table; one line per table.
   */
  private static List<String> crawl(DatabaseMetaData md) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    List<String> tables = new ArrayList<>();
    for (String schema : schemas) {
      try (ResultSet rs = md.getTables(null, escape(schema), "%", new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) {
          tables.add(schema + "\t" + rs.getString("TABLE_NAME"));
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (String table : tables) {
      String[] parts = table.split("\t");
      StringBuilder line = new StringBuilder(parts[0] + "." + parts[1] + ":");
      try (ResultSet rs = md.getColumns(null, escape(parts[0]), escape(parts[1]), "%")) {
        while (rs.next()) {
          line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ")
              .append(rs.getString("COLUMN_NAME"))
              .append(' ')
              .append(rs.getString("TYPE_NAME"));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String escape(String name) {
    return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }

  /**
   * The jar stays within its budget (docs/architecture.md, "What is in the jar"): one Jackson, no
   * spatial or YAML libraries, minimized libraries where that is safe, class files without local
   * variable tables.
   */
  @Test
  void staysWithinItsSizeBudget() throws Exception {
    long limit = 35_000_000L;
    assertThat(Files.size(shadedJar()))
        .as(
            "size of %s; see docs/architecture.md before raising the limit",
            shadedJar().getFileName())
        .isLessThanOrEqualTo(limit);
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).toList();
      assertThat(names)
          .noneMatch(n -> n.startsWith("dev/bucketsql/shaded/parquet/com/fasterxml/"))
          .noneMatch(
              n -> n.startsWith("dev/bucketsql/shaded/software/amazon/awssdk/thirdparty/jackson/"))
          .noneMatch(n -> n.startsWith("dev/bucketsql/shaded/org/locationtech/proj4j/"))
          .noneMatch(n -> n.startsWith("dev/bucketsql/shaded/org/yaml/"))
          .noneMatch(n -> n.startsWith("META-INF/maven/"))
          .noneMatch(n -> n.startsWith("codegen/"))
          .doesNotContain("parquet.thrift")
          .noneMatch(n -> n.startsWith("google/protobuf/") && n.endsWith(".proto"))
          .noneMatch(
              n -> n.startsWith("dev/bucketsql/shaded/org/apache/commons/codec/language/bm/"))
          .contains("dev/bucketsql/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
    }
  }

  /**
   * The build step after shading drops only the local variable tables: class files keep their line
   * numbers, so a failure's stack trace from the shaded jar still names its lines.
   */
  @Test
  void keepsLineNumbersButNotLocalVariableTables(S3TestServer server) throws Exception {
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> ours =
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.startsWith("dev/bucketsql/") && !n.startsWith("dev/bucketsql/shaded/"))
              .filter(n -> n.endsWith(".class"))
              .toList();
      assertThat(ours).hasSizeGreaterThan(100);
      for (String name : ours) {
        String text =
            new String(
                jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).as(name).doesNotContain("LocalVariableTable");
      }
      String driver =
          new String(
              jar.getInputStream(jar.getEntry("dev/bucketsql/jdbc/BucketSqlDriver.class"))
                  .readAllBytes(),
              StandardCharsets.ISO_8859_1);
      assertThat(driver).contains("LineNumberTable");
    }
    server.createBucket("lines");
    server.putObject("lines", "t.csv", "n\n1\n".getBytes(StandardCharsets.UTF_8));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver =
          (Driver)
              loader.loadClass("dev.bucketsql.jdbc.BucketSqlDriver").getConstructor().newInstance();
      try (Connection c = driver.connect(server.jdbcUrl("lines"), S3TestServer.jdbcKeys());
          Statement s = c.createStatement()) {
        SQLException failure = null;
        try {
          s.executeQuery("SELECT nope FROM t");
        } catch (SQLException e) {
          failure = e;
        }
        assertThat((Object) failure)
            .as("the failure of a query naming a missing column")
            .isNotNull();
        List<StackTraceElement> frames = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
          frames.addAll(List.of(t.getStackTrace()));
        }
        List<StackTraceElement> shaded =
            frames.stream()
                .filter(
                    f ->
                        f.getClassName().startsWith("org.apache.calcite.")
                            || f.getClassName().startsWith("dev.bucketsql."))
                .toList();
        // compiler-made methods (bridges) may have no line; the code written by hand has one
        assertThat(shaded).hasSizeGreaterThan(10);
        assertThat(shaded.stream().filter(f -> f.getLineNumber() > 0).count())
            .as("frames with a line number among %s", shaded)
            .isGreaterThan(shaded.size() * 9L / 10);
      }
    }
  }

  /**
   * The jar carries snappy-java's native decoder for the platforms it is built for, unrelocated
   * (its library binds to the class names), and on this Linux machine it loads from the jar.
   */
  @Test
  void loadsTheNativeSnappyDecoderFromTheJar() throws Exception {
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> natives =
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.startsWith("org/xerial/snappy/native/") && !n.endsWith("/"))
              .sorted()
              .toList();
      assertThat(natives)
          .containsExactly(
              "org/xerial/snappy/native/Linux/aarch64/libsnappyjava.so",
              "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so",
              "org/xerial/snappy/native/Mac/aarch64/libsnappyjava.dylib",
              "org/xerial/snappy/native/Mac/x86_64/libsnappyjava.dylib",
              "org/xerial/snappy/native/Windows/x86_64/snappyjava.dll");
    }
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        os.startsWith("linux")
            && List.of("amd64", "aarch64").contains(System.getProperty("os.arch")));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {shadedJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> probe = Class.forName("dev.bucketsql.parquet.codec.NativeSnappy", true, loader);
      java.lang.reflect.Method available = probe.getDeclaredMethod("available");
      available.setAccessible(true);
      assertThat(available.invoke(null)).isEqualTo(Boolean.TRUE);
    }
  }

  @Test
  void relocatesThirdPartyPackages() throws Exception {
    List<String> unrelocated = new ArrayList<>();
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class")
            && !name.startsWith("dev/bucketsql/")
            && !name.startsWith("org/apache/calcite/")
            // snappy-java's native library binds its methods to these class names
            && !name.startsWith("org/xerial/snappy/")
            && !name.startsWith("META-INF/")) {
          unrelocated.add(name);
        }
      }
      assertThat(jar.getEntry("META-INF/services/java.sql.Driver")).isNotNull();
    }
    assertThat(unrelocated).isEmpty();
  }
}
