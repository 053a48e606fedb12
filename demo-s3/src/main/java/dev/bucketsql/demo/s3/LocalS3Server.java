package dev.bucketsql.demo.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API server (S3Proxy) running in this JVM on 127.0.0.1 and a random port, with SigV4
 * authentication and strict header checking: the demo's bucket, and through {@code S3TestServer}
 * (bucketsql-test-s3) the tests' and benchmarks'.
 *
 * <p>Strict mode ({@code ignoreUnknownHeaders=false}) makes the server answer 501 to any {@code
 * x-amz-*} header it does not know, which catches requests that strict S3-compatible servers such
 * as Garage would refuse.
 */
public class LocalS3Server implements AutoCloseable {
  /** Access key id of the server's only user. */
  public static final String ACCESS_KEY_ID = "GKtestaccesskey0001";

  /** Secret of the server's only user; it is demo and test data, not a secret. */
  public static final String SECRET_ACCESS_KEY = "test-secret-key-0123456789abcdef";

  /** Region name clients use, shaped like our users' Garage region. */
  public static final String REGION = "garage-fast";

  private final S3Proxy proxy;
  private final URI endpoint;

  /**
   * Starts a server; subclasses (the tests' server) add conveniences, not behaviour.
   *
   * @param directory where the objects live as files, or empty to keep them in memory
   */
  protected LocalS3Server(Optional<Path> directory) {
    this.proxy =
        start(
            directory
                .map(d -> (BlobStore) new FilesystemNio2BlobStore(d.toAbsolutePath().toString()))
                .orElseGet(TransientNio2BlobStore::new));
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts a server that keeps its objects in memory. */
  public static LocalS3Server startInMemory() {
    return new LocalS3Server(Optional.empty());
  }

  /** Starts a server that keeps its objects as files under {@code directory}. */
  public static LocalS3Server startOnDisk(Path directory) {
    requireNonNull(directory, "directory is null");
    return new LocalS3Server(Optional.of(directory));
  }

  private static S3Proxy start(BlobStore blobStore) {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            .ignoreUnknownHeaders(false)
            // Our uploads are single-part and not aws-chunked (like Garage wants them); S3Proxy's
            // 128 MiB default for those would refuse the full-size RAW_interactions.csv.
            .v4MaxNonChunkedRequestSize(1L << 30)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("local S3 server did not start: " + proxy.getState());
        }
        Thread.sleep(5);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local S3 server", e);
    }
    return proxy;
  }

  /** The endpoint, {@code http://127.0.0.1:PORT}. */
  public final URI endpoint() {
    return endpoint;
  }

  /** The TCP port the server listens on. */
  public final int port() {
    return proxy.getPort();
  }

  /**
   * The BucketSQL JDBC URL of {@code bucket} on this server, {@code
   * jdbc:bucketsql:s3://BUCKET?endpoint=http://127.0.0.1:PORT&region=garage-fast}. It already has a
   * query, so callers append further parameters as {@code "&key=value"}. The keys are not in it:
   * pass {@link #jdbcKeys()} as the connection properties.
   */
  public String jdbcUrl(String bucket) {
    requireNonNull(bucket, "bucket is null");
    return "jdbc:bucketsql:s3://" + bucket + "?endpoint=" + endpoint + "&region=" + REGION;
  }

  /**
   * New JDBC connection properties holding the server's keys: {@code user} = {@link
   * #ACCESS_KEY_ID}, {@code password} = {@link #SECRET_ACCESS_KEY}. Each call returns a new object,
   * so callers may add properties to it.
   */
  public static Properties jdbcKeys() {
    Properties keys = new Properties();
    keys.setProperty("user", ACCESS_KEY_ID);
    keys.setProperty("password", SECRET_ACCESS_KEY);
    return keys;
  }

  /**
   * A new SDK client for this server, configured the way S3-compatible servers need it: path-style
   * URLs and checksums only when required. The caller closes it.
   */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .serviceConfiguration(
            S3Configuration.builder()
                .pathStyleAccessEnabled(true)
                .chunkedEncodingEnabled(false)
                .build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** Creates {@code bucket} unless it exists. */
  public void createBucket(String bucket) {
    requireNonNull(bucket, "bucket is null");
    try (S3Client client = newClient()) {
      boolean exists =
          client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
      if (!exists) {
        client.createBucket(b -> b.bucket(bucket));
      }
    }
  }

  /** Stores {@code data} under {@code key} in {@code bucket}. */
  public void putObject(String bucket, String key, byte[] data) {
    requireNonNull(data, "data is null");
    try (S3Client client = newClient()) {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }
  }

  /** Stores the file {@code file} under {@code key} in {@code bucket}. */
  public void putObject(String bucket, String key, Path file) {
    requireNonNull(file, "file is null");
    try (S3Client client = newClient()) {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }
  }

  @Override
  public final void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the local S3 server", e);
    }
  }
}
