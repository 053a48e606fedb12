package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psycopg2 (Debian's {@code python3-psycopg2}, which CI installs), the driver under pandas and
 * SQLAlchemy, against the PostgreSQL endpoint: a SCRAM login, a query with a parameter, every type
 * as the Python value psycopg2 makes of it, a server-side (named) cursor fetching in pieces with
 * DECLARE/FETCH/CLOSE, and an error's SQLSTATE. Skipped, saying so, where no Python with psycopg2
 * is installed.
 */
class PsycopgTest {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, psycopg2",
          "conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), dbname='bucketsql',",
          "                        user=sys.argv[2], password=sys.argv[3])",
          "cur = conn.cursor()",
          "cur.execute('select name, salary from emps where deptno = %s order by empid', (10,))",
          "print('rows', cur.fetchall())",
          "cur.execute(\"select cast(1 as smallint), cast(2 as bigint), cast(1.5 as double),"
              + " cast(12.25 as decimal(6,2)), true, date '2019-02-28', timestamp '2019-02-28 13:14:15.250',"
              + " array[1, 2, 3], cast(null as integer), 'x'\")",
          "print('types', repr(cur.fetchone()))",
          "named = conn.cursor(name='big')",
          "named.itersize = 3",
          "named.execute('select empid from emps order by empid')",
          "print('cursor', [r[0] for r in named])",
          "named.close()",
          "try:",
          "    cur.execute('select * from no_such_table')",
          "except psycopg2.Error as e:",
          "    print('error', e.pgcode)",
          "conn.rollback()",
          "conn.close()",
          "");

  @TempDir static Path directory;

  private static BucketSqlServer server;

  @BeforeAll
  static void start() throws Exception {
    Path users = directory.resolve("users");
    Files.writeString(
        users, UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 4096) + "\n");
    server =
        TestServers.start(
            TestServers.builder()
                .avatica(false)
                .pgPort(0)
                .auth(ClientAuth.of(UsersFile.read(users), null)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void queriesTypesCursorAndErrors() throws Exception {
    String python = findPython();
    assumeTrue(
        python != null,
        "no python3 with psycopg2 (Debian: apt-get install python3-psycopg2); CI installs it");
    Path script = Files.writeString(directory.resolve("client.py"), SCRIPT);
    Process process =
        new ProcessBuilder(
                python,
                script.toString(),
                Integer.toString(server.pgPort()),
                AuthTest.USER,
                AuthTest.PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines())
        .containsExactly(
            "rows [('Bill', 10000.0), ('Theodore', 11500.0), ('Sebastian', 7000.0)]",
            "types (1, 2, 1.5, Decimal('12.25'), True, datetime.date(2019, 2, 28),"
                + " datetime.datetime(2019, 2, 28, 13, 14, 15, 250000), [1, 2, 3], None, 'x')",
            "cursor [100, 110, 150, 200]",
            "error 42P01");
  }

  /** A Python that can import psycopg2: python3 on the PATH, else Debian's. */
  private static String findPython() throws Exception {
    return findPython("psycopg2");
  }

  /**
   * A Python that can import {@code modules} (comma-separated): python3 on the PATH, else Debian's.
   */
  static String findPython(String modules) throws Exception {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process probe =
            new ProcessBuilder(candidate, "-c", "import " + modules)
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return candidate;
        }
      } catch (java.io.IOException e) {
        // not installed: try the next
      }
    }
    return null;
  }
}
