package dev.bucketsql.cli;

import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.config.S3SettingsResolver;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bucketsql doctor}: checks the way to the bucket step by step and says what to fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Checks the way to the bucket step by step and says what to fix.",
      "",
      "In order: DNS resolution of the endpoint host, TCP connect, an HTTP answer, credentials,"
          + " region, bucket listing, reading one object, download throughput of a sample, and whether"
          + " the endpoint looks like a slow reverse proxy. Each check prints PASS, FAIL (with the fix)"
          + " or SKIP. Exit status 0 only when every check passes."
    })
final class DoctorCommand implements Callable<Integer> {
  @Mixin BucketOptions bucket;

  @Option(
      names = "--sample-key",
      paramLabel = "KEY",
      description = "object to read (default: the largest one)")
  String sampleKey;

  @Option(
      names = "--sample-bytes",
      paramLabel = "N",
      description = "bytes to download for the throughput check (default 33554432)")
  long sampleBytes = 32L * 1024 * 1024;

  @Option(
      names = "--min-throughput",
      paramLabel = "MB/s",
      description = "throughput that passes (default 5)")
  double minMbps = 5;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    S3Settings settings;
    try {
      settings = S3SettingsResolver.fromSystem().resolve(bucket.settings());
    } catch (StorageException e) {
      print(out, 1, DoctorCheck.fail("settings", e.getMessage(), "see above"));
      return Main.FAILED;
    }
    out.println(
        "Checking "
            + settings.endpointForMessages()
            + ", bucket '"
            + settings.bucket()
            + "', region '"
            + settings.region()
            + "', key id "
            + settings.maskedAccessKeyId());
    List<DoctorCheck> checks = new Doctor(settings, minMbps, sampleBytes, sampleKey).run();
    int i = 0;
    for (DoctorCheck check : checks) {
      print(out, ++i, check);
    }
    long failed = checks.stream().filter(c -> c.status() != DoctorCheck.Status.PASS).count();
    out.println(
        failed == 0
            ? "All " + checks.size() + " checks passed."
            : failed + " of " + checks.size() + " checks did not pass.");
    out.flush();
    return failed == 0 ? 0 : Main.FAILED;
  }

  private static void print(PrintWriter out, int n, DoctorCheck check) {
    out.printf("%2d. %-22s %-4s  %s%n", n, check.name(), check.status(), check.detail());
    if (!check.fix().isEmpty() && !check.fix().equals("see above")) {
      out.printf("    %-22s fix:  %s%n", "", check.fix());
    }
  }
}
