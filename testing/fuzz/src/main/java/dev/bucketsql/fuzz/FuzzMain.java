package dev.bucketsql.fuzz;

import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fuzzing campaign from the command line ({@code bench/run fuzz --queries N --seed S [--reduce K]
 * [--show-known]}): starts a local S3 server with the data, runs the queries, prints each new
 * finding reduced (K per category, default 2; with {@code --show-known} the known differences' too)
 * and a summary by category. {@code bench/run fuzz --sql FILE} runs the statements of a file
 * instead (one per line, as a finding prints them) and shows both answers.
 */
public final class FuzzMain {
  private FuzzMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int queries = 1000;
    long seed = 1;
    int reduce = 2;
    boolean showKnown = false;
    Path sqlFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--reduce" -> reduce = Integer.parseInt(args[++i]);
        case "--show-known" -> showKnown = true;
        case "--sql" -> sqlFile = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: fuzz [--queries N] [--seed S] [--reduce K] [--show-known] [--sql FILE]; unknown '"
                  + args[i]
                  + "'");
          System.exit(2);
        }
      }
    }
    Path dir = Files.createTempDirectory("bucketsql-fuzz");
    try (S3TestServer server = S3TestServer.startInMemory()) {
      FuzzData data = FuzzData.create(server, dir);
      if (sqlFile != null) {
        FuzzCampaign.replay(data, Files.readAllLines(sqlFile), System.out);
        return;
      }
      System.out.printf("fuzzing: %d queries, seed %d%n", queries, seed);
      FuzzCampaign.Result result =
          FuzzCampaign.run(data, seed, queries, reduce, showKnown, System.out);
      System.out.println();
      System.out.print(FuzzCampaign.summary(result));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
