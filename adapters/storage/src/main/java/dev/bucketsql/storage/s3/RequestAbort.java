package dev.bucketsql.storage.s3;

import java.io.IOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Lets another thread stop the requests one piece of work makes through the SDK's synchronous
 * client: the request in flight is aborted (its connection closed, so a blocked read ends at once,
 * which interrupting the thread would not do) and any later attempt, a retry included, fails before
 * it is sent. Work runs {@linkplain #run under} a handle; the store's HTTP client ({@link Client})
 * registers each request made on that thread with it. A version check started ahead of a query's
 * reads runs this way, so that the query's end ends its HEAD ({@code VersionChecks.cancelStarted}).
 */
final class RequestAbort {
  private static final ThreadLocal<RequestAbort> CURRENT = new ThreadLocal<>();

  private volatile boolean aborted;
  private volatile ExecutableHttpRequest inFlight;

  /** Runs {@code work} on this thread with its requests under this handle. */
  void run(Runnable work) {
    RequestAbort outer = CURRENT.get();
    CURRENT.set(this);
    try {
      work.run();
    } finally {
      CURRENT.set(outer);
    }
  }

  /** Aborts the request in flight, and every later one, of the work run under this handle. */
  void abort() {
    aborted = true;
    ExecutableHttpRequest r = inFlight;
    if (r != null) {
      r.abort();
    }
  }

  /** Whether {@link #abort()} was called. */
  boolean aborted() {
    return aborted;
  }

  private HttpExecuteResponse call(ExecutableHttpRequest request) throws IOException {
    // written before aborted is read, as abort() writes aborted before reading inFlight: one of
    // the two sees the other
    inFlight = request;
    try {
      if (aborted) {
        throw new Aborted();
      }
      return request.call();
    } catch (IOException e) {
      if (aborted) {
        throw new Aborted();
      }
      throw e;
    } finally {
      inFlight = null;
    }
  }

  /** A request stopped by {@link #abort()}: never retried ({@link Retrier#isRetryable}). */
  static final class Aborted extends IOException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("the request was aborted: the work that made it ended");
    }
  }

  /** The store's HTTP client: the SDK's, each request registered with the thread's handle. */
  static final class Client implements SdkHttpClient {
    private final SdkHttpClient delegate;

    Client(SdkHttpClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      ExecutableHttpRequest r = delegate.prepareRequest(request);
      RequestAbort handle = CURRENT.get();
      if (handle == null) {
        return r;
      }
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          return handle.call(r);
        }

        @Override
        public void abort() {
          r.abort();
        }
      };
    }

    @Override
    public String clientName() {
      return delegate.clientName();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Builds a {@link Client} around the client {@code delegate} builds; the SDK closes it. */
  static final class Builder implements SdkHttpClient.Builder<Builder> {
    private final SdkHttpClient.Builder<?> delegate;

    Builder(SdkHttpClient.Builder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return new Client(delegate.buildWithDefaults(serviceDefaults));
    }
  }
}
