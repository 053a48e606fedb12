package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.IoStats;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The attempts of one SDK request, counted as the SDK's retry strategy makes them: each attempt is
 * a request in the store's and the query's counters, and each attempt after the first is a retry,
 * logged. The SDK owns the retry loop (our predicate and backoff, see {@link S3ClientFactory});
 * this is how its attempts stay visible. Make one per request and pass {@link #config()} as the
 * request's override configuration.
 */
final class Attempts {
  private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
  private static final ExecutionAttribute<Attempts> KEY =
      new ExecutionAttribute<>("bucketsql.attempts");

  private final String what;
  private final Consumer<IoStats> kind;
  private final IoStats[] stats;
  private final int maxAttempts;
  private volatile int count;
  private volatile int lastStatus;

  /**
   * @param what the request, for the retry log ("listing s3://b/")
   * @param kind counts one request of its kind ({@code IoStats::recordGet}, ...)
   * @param stats the counters every attempt goes to
   */
  Attempts(String what, Consumer<IoStats> kind, int maxAttempts, IoStats... stats) {
    this.what = what;
    this.kind = kind;
    this.maxAttempts = maxAttempts;
    this.stats = stats.clone();
  }

  /** The request override that makes the client count this request's attempts here. */
  AwsRequestOverrideConfiguration config() {
    return AwsRequestOverrideConfiguration.builder().putExecutionAttribute(KEY, this).build();
  }

  /** Attempts made so far. */
  int count() {
    return count;
  }

  private void attempt() {
    int n = ++count;
    for (IoStats s : stats) {
      kind.accept(s);
      if (n > 1) {
        s.recordRetry();
      }
    }
    if (n > 1) {
      // The status says enough; the exception's message could quote request details.
      LOG.warn(
          "retrying {}: attempt {} of {} after {}",
          what,
          n,
          maxAttempts,
          lastStatus > 0 ? "HTTP " + lastStatus : "a failed connection");
    }
    lastStatus = 0;
  }

  /** The client's interceptor: calls {@link #attempt()} before each attempt is sent. */
  static final class Interceptor implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      Attempts a = attributes.getAttribute(KEY);
      if (a != null) {
        a.attempt();
      }
    }

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes attributes) {
      Attempts a = attributes.getAttribute(KEY);
      if (a != null) {
        a.lastStatus = context.httpResponse().statusCode();
      }
    }
  }
}
