package dev.bucketsql.bench;

/** One group of benchmarks, run by {@link BenchMain}. */
public interface BenchSuite {
  /** The name used on the command line. */
  String name();

  /** Runs the suite, printing results to {@code env.out()}. */
  void run(BenchEnvironment env, int repeat) throws Exception;
}
