package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.Causes;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The retry rules of the store: which failures are transient (HTTP 500/502/503/504/429, SlowDown,
 * connection reset, timeouts), how many attempts a request gets and how long to wait between them
 * (exponential backoff with full jitter). Requests are retried by the SDK's own retry strategy
 * built from these rules ({@link #sdkStrategy()}), their attempts counted by {@link Attempts}; what
 * the SDK cannot do, resuming a body from the byte reached, uses {@link #retrying} with the same
 * backoff.
 */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);
  private static final Set<String> RETRYABLE_CODES =
      Set.of("SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling");

  private final int maxAttempts;
  private final Duration baseDelay;

  Retrier(int maxAttempts, Duration baseDelay) {
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The SDK retry strategy of these rules: only {@link #isRetryable} failures, at most {@link
   * #maxAttempts} attempts, full-jitter backoff from the base delay, none of the SDK's default
   * conditions, and no circuit breaker (a burst of faults must not turn retries off for the whole
   * shared client).
   */
  RetryStrategy sdkStrategy() {
    BackoffStrategy backoff =
        baseDelay.isZero()
            ? BackoffStrategy.retryImmediately()
            : BackoffStrategy.exponentialDelay(baseDelay, MAX_DELAY);
    return StandardRetryStrategy.builder()
        .useClientDefaults(false)
        .retryOnException(Retrier::isRetryable)
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  /**
   * Counts a retry of a body read, logs it and sleeps the backoff for the {@code failures}-th
   * failure: the one retry the SDK cannot make, resuming a body from the byte reached.
   */
  void retrying(String what, int failures, Throwable cause, IoStats... stats) {
    for (IoStats s : stats) {
      s.recordRetry();
    }
    long delay = delayMillis(failures);
    // The cause's class and status say enough; its message could quote request details.
    LOG.warn(
        "retrying {} in {} ms after attempt {} of {} failed: {}",
        what,
        delay,
        failures,
        maxAttempts,
        describe(cause));
    sleep(delay);
  }

  private long delayMillis(int failures) {
    long cap = Math.min(MAX_DELAY.toMillis(), baseDelay.toMillis() << Math.min(failures - 1, 20));
    return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to retry an S3 request", e);
    }
  }

  /** Whether {@code e} is a transient failure worth another attempt. */
  static boolean isRetryable(Throwable e) {
    if (Causes.any(e, t -> t instanceof RequestAbort.Aborted)) {
      return false; // stopped on purpose: its work has ended
    }
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      return RETRYABLE_STATUS.contains(s3.statusCode())
          || (code != null && RETRYABLE_CODES.contains(code));
    }
    if (e instanceof SdkClientException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      // Retrying cannot fix a wrong host, port or TLS setup, and a host that did not accept
      // a connection within connectTimeout rarely will a moment later: fail at once, so an
      // unreachable endpoint costs one connectTimeout, not maxAttempts of them.
      if (Causes.any(
              e,
              t ->
                  t instanceof UnknownHostException
                      || t instanceof ConnectException
                      || t instanceof SSLException)
          || S3Errors.isConnectTimeout(e)) {
        return false;
      }
      return Causes.find(e, IOException.class) != null;
    }
    return false;
  }

  static String describe(Throwable e) {
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      return "HTTP " + s3.statusCode() + (code != null ? " " + code : "");
    }
    return Causes.root(e).getClass().getSimpleName();
  }
}
