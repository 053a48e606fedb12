package dev.bucketsql.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleFile;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run startup [--runs N] [--also OTHER/bin/bucketsql]}: how long {@code bin/bucketsql
 * sql -e "SELECT COUNT(*) FROM PP_recipes"} takes from process start to exit, each run a fresh
 * process, against a local S3 server in this JVM holding the TINY data set; beside it DuckDB's JDBC
 * driver in a fresh JVM counting the same rows from the local copy of the file (it cannot read S3
 * offline). {@code --also} times another checkout's launcher the same way, for a before-and-after
 * comparison.
 *
 * <p>Each variant is run {@code N} times after one unmeasured run (which writes the class-data
 * archive when there is none); the best and the median wall time are reported, with the CPU time
 * and the phases from the command's own trace ({@code BUCKETSQL_STARTUP_TRACE=1}) of the best run.
 * Every run's answer is checked against the generator's row count. The load average is printed
 * before and after: on a shared machine only the best runs and the CPU times compare.
 */
final class StartupBench {
  private static final Pattern TRACE =
      Pattern.compile("^bucketsql-startup: (.*)$", Pattern.MULTILINE);
  private static final Pattern DUCKDB_CPU = Pattern.compile("^cpu=([0-9.]+)$", Pattern.MULTILINE);

  private StartupBench() {}

  static void main(String[] args, PrintStream out) throws Exception {
    int runs = 5;
    List<Path> others = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--also" -> others.add(Path.of(args[++i]).toAbsolutePath());
        default ->
            throw new IllegalArgumentException(
                "unknown option '" + args[i] + "'; options: --runs N, --also OTHER/bin/bucketsql");
      }
    }
    Path root = Path.of(System.getProperty("bucketsql.root", "")).toAbsolutePath();
    Path launcher = root.resolve("bin/bucketsql");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " not found: run bench/run from the repository");
    }
    out.printf(
        Locale.ROOT,
        "start-up of bin/bucketsql sql -e: %d cores, Java %s, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        BenchEnvironment.loadAverage());
    try (BenchEnvironment env =
        BenchEnvironment.start(
            SampleSpec.of(SampleScale.TINY), root.resolve("bench/target/data"), out)) {
      SampleFile table = env.manifest().file(SampleData.PP_RECIPES);
      String sql = "SELECT COUNT(*) FROM PP_recipes";
      Path secret =
          Files.createTempFile(
              "bucketsql-bench",
              ".secret",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(secret, S3TestServer.SECRET_ACCESS_KEY, UTF_8);
        List<String> arguments =
            List.of(
                "sql",
                "--url",
                env.url(),
                "--access-key-id",
                S3TestServer.ACCESS_KEY_ID,
                "--secret-access-key-file",
                secret.toString(),
                "-e",
                sql,
                "--output",
                "csv_noheader");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(arguments);
        for (Path other : others) {
          List<String> otherCommand = new ArrayList<>(List.of(other.toString()));
          otherCommand.addAll(arguments);
          report(out, other.toString(), measure(otherCommand, Map.of(), runs, table.rows(), root));
        }
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("bin/bucketsql as shipped (archive, late C2)", Map.of());
        variants.put("no class-data archive", Map.of("BUCKETSQL_NO_CDS", "1"));
        // the JDK's own tier-4 thresholds, after the launcher's (the later option wins)
        variants.put(
            "archive, the JIT's default thresholds",
            Map.of(
                "BUCKETSQL_JAVA_OPTS",
                "-XX:Tier4InvocationThreshold=5000 -XX:Tier4MinInvocationThreshold=600"
                    + " -XX:Tier4CompileThreshold=15000 -XX:Tier4BackEdgeThreshold=40000"));
        variants.put(
            "archive, quick tier only (C1)",
            Map.of("BUCKETSQL_JAVA_OPTS", "-XX:TieredStopAtLevel=1"));
        for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
          report(
              out,
              variant.getKey(),
              measure(command, variant.getValue(), runs, table.rows(), root));
        }
        report(
            out,
            "DuckDB JDBC, fresh JVM, local file",
            measure(duckDbCommand(table.path()), Map.of(), runs, table.rows(), root));
      } finally {
        Files.deleteIfExists(secret);
      }
    }
    out.printf(Locale.ROOT, "load average after: %.2f%n", BenchEnvironment.loadAverage());
  }

  /** A fresh JVM with only this jar and DuckDB's on its class path, counting the file's rows. */
  private static List<String> duckDbCommand(Path csv) throws Exception {
    String duckdb =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.contains("duckdb_jdbc"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("duckdb_jdbc is not on the class path"));
    String self =
        Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        javaCommand,
        "-cp",
        self + File.pathSeparator + duckdb,
        DuckDbCount.class.getName(),
        csv.toString());
  }

  private static List<Run> measure(
      List<String> command, Map<String, String> env, int runs, long rows, Path root)
      throws IOException, InterruptedException {
    run(command, env, rows, root); // unmeasured: writes the archive when there is none
    List<Run> measured = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      measured.add(run(command, env, rows, root));
    }
    measured.sort((a, b) -> Double.compare(a.wall(), b.wall()));
    return measured;
  }

  private static Run run(List<String> command, Map<String, String> env, long rows, Path root)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().putAll(env);
    builder.environment().put("BUCKETSQL_STARTUP_TRACE", "1");
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    int status = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    String answer = new String(stdout, UTF_8).strip();
    String errors = new String(stderr, UTF_8);
    if (status != 0 || !answer.equals(Long.toString(rows))) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " answered '"
              + answer
              + "' (exit "
              + status
              + "), expected "
              + rows
              + ": "
              + errors);
    }
    Matcher trace = TRACE.matcher(errors);
    Matcher duckCpu = DUCKDB_CPU.matcher(errors);
    String phases = trace.find() ? trace.group(1) : duckCpu.find() ? "cpu=" + duckCpu.group(1) : "";
    return new Run(wall, phases);
  }

  private static void report(PrintStream out, String name, List<Run> runs) {
    Run best = runs.get(0);
    Run median = runs.get(runs.size() / 2);
    out.printf(
        Locale.ROOT,
        "%-46s best %.2f s, median %.2f s wall; %s%n",
        name,
        best.wall(),
        median.wall(),
        cpu(best.phases()));
    if (best.phases().contains("connect=")) {
      out.printf(Locale.ROOT, "%-46s best run's phases: %s%n", "", best.phases());
    }
  }

  private static String cpu(String phases) {
    Matcher m = Pattern.compile("cpu=([0-9.]+)").matcher(phases);
    return m.find() ? "best run's CPU " + m.group(1) + " s" : "CPU not reported";
  }

  /** One measured run: the wall time from start to exit, and the run's own trace line. */
  private record Run(double wall, String phases) {}
}
