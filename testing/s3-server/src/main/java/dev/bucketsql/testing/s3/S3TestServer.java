package dev.bucketsql.testing.s3;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.demo.s3.LocalS3Server;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@link LocalS3Server} as tests and benchmarks start it, and as {@link S3ServerExtension}
 * shares it: the same server (S3Proxy on loopback, SigV4, strict headers), a type of its own so
 * that a test can ask for it as a parameter.
 */
public final class S3TestServer extends LocalS3Server {
  private S3TestServer(Optional<Path> directory) {
    super(directory);
  }

  /** Starts a server that keeps its objects in memory. */
  public static S3TestServer startInMemory() {
    return new S3TestServer(Optional.empty());
  }

  /** Starts a server that keeps its objects as files under {@code directory}. */
  public static S3TestServer startOnDisk(Path directory) {
    requireNonNull(directory, "directory is null");
    return new S3TestServer(Optional.of(directory));
  }
}
