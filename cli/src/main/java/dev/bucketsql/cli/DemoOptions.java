package dev.bucketsql.cli;

import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.server.BucketSqlServer;

/**
 * Options of {@code bucketsql demo}.
 *
 * @param scale size of the generated sample data set
 * @param port port of the remote (Avatica) server; 0 picks a free one
 * @param waitForCtrlC whether to keep serving until Ctrl-C after the example queries
 */
record DemoOptions(SampleScale scale, int port, boolean waitForCtrlC) {
  static final String HELP =
      """
      Usage: bucketsql demo [--scale TINY|SMALL|FULL] [--port N] [--no-wait]

      Starts a local S3 server on 127.0.0.1 holding a generated sample of the Food.com
      recipes-and-reviews data set (bucket 'mangetamain'), runs example queries through the
      BucketSQL JDBC driver, starts the remote JDBC (Avatica) server on 127.0.0.1, prints the
      URLs to connect a BI tool, and keeps serving until Ctrl-C.

      Options:
        --scale S   sample size: TINY (300 recipes), SMALL (5,000; default),
                    FULL (231,637 recipes, 1.1 million reviews, ~300 MB)
        --port N    remote server port (default 8765; 0 picks a free port)
        --no-wait   stop after the example queries
        --help      show this text
      """;

  static DemoOptions parse(String[] args) {
    SampleScale scale = SampleScale.SMALL;
    int port = BucketSqlServer.DEFAULT_PORT;
    boolean wait = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> throw new Main.HelpRequested(HELP);
        case "--no-wait" -> wait = false;
        case "--scale" -> scale = parseScale(value(args, ++i, "--scale"));
        case "--port" -> port = parsePort(value(args, ++i, "--port"));
        default -> throw new Main.UsageException("unknown option '" + args[i] + "'; see --help");
      }
    }
    return new DemoOptions(scale, port, wait);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new Main.UsageException(option + " needs a value; see --help");
    }
    return args[i];
  }

  private static SampleScale parseScale(String value) {
    try {
      return SampleScale.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--scale must be TINY, SMALL or FULL, not '" + value + "'");
    }
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new Main.UsageException("--port must be a number from 0 to 65535, not '" + value + "'");
    }
  }
}
