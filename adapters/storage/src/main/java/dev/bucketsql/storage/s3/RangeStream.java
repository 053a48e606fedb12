package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A sequential stream over the bytes {@code [start, end)} of one object version, read with as few
 * GETs as possible: one {@code bytes=a-b} range per request, pinned with {@code If-Match}. When the
 * connection breaks, or a body ends (as its headers say) before the range asked for, it asks again
 * from the byte it reached, with backoff: the one retry the SDK cannot make (the SDK's retry
 * strategy retries the request itself until its headers arrive). A broken connection counts against
 * the store's attempt limit from the last byte received; short bodies count for the whole range,
 * since a server that answers short again after each resumption is not having a passing problem (a
 * halved body each time would otherwise take log2 of the range in requests). Closing it early
 * aborts the HTTP request so the rest of the range is not downloaded, unless little of the answer
 * is left: that is read and dropped, so the connection is reused. Not thread-safe.
 */
final class RangeStream extends InputStream {
  /** Skips up to this many bytes by reading on; beyond it a new GET is cheaper. */
  private static final long SKIP_BY_READING = 64 * 1024;

  /**
   * Closing early reads up to this many remaining bytes of the answer so its connection goes back
   * to the pool; a larger remainder is cheaper to abort (a new connection costs a round trip or
   * two, not the bytes).
   */
  private static final long DRAIN_ON_CLOSE = 64 * 1024;

  private final S3ObjectStore store;
  private final ObjectInfo object;
  private final IoStats queryStats;

  /** The first byte of the range this stream was opened on. */
  private final long start;

  private final long end;
  private long position;
  private ResponseInputStream<GetObjectResponse> response;

  /** The bytes {@code [responseStart, responseEnd)} the current response's body carries. */
  private long responseStart;

  private long responseEnd;
  private int failures;

  /** Answers to this range whose body ended short of what was asked. */
  private int shortBodies;

  private boolean closed;

  RangeStream(S3ObjectStore store, ObjectInfo object, IoStats queryStats, long start, long end) {
    this.store = store;
    this.object = object;
    this.queryStats = queryStats;
    this.start = start;
    this.position = start;
    this.end = end;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("stream over object '" + object.key() + "' is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (position >= end) {
      release();
      return -1;
    }
    while (true) {
      try {
        if (response != null && position >= responseEnd) {
          // The body ended where its headers said, short of the range asked: resume like a cut.
          long received = responseEnd - responseStart;
          release();
          throw new ShortBody(
              "the server sent "
                  + received
                  + " of the "
                  + (end - responseStart)
                  + " bytes asked for (bytes "
                  + responseStart
                  + "-"
                  + (end - 1)
                  + ")");
        }
        if (response == null) {
          response = request();
          store.stats().recordBodyOpened();
          queryStats.recordBodyOpened();
        }
        int n = response.read(b, off, (int) Math.min(len, responseEnd - position));
        if (n < 0) {
          throw new IOException("connection closed before byte offset " + responseEnd);
        }
        position += n;
        failures = 0;
        store.stats().recordBytes(n);
        queryStats.recordBytes(n);
        if (position >= end) {
          release();
        }
        return n;
      } catch (IOException | RuntimeException e) {
        if (e instanceof StorageException se) {
          throw se;
        }
        failed(e);
      }
    }
  }

  private ResponseInputStream<GetObjectResponse> request() {
    Attempts attempts =
        store.attempts(
            "reading object '" + object.key() + "' at byte offset " + position,
            IoStats::recordGet,
            queryStats);
    GetObjectRequest request =
        GetObjectRequest.builder()
            .bucket(store.settings().bucket())
            .key(store.fullKey(object.key()))
            .range("bytes=" + position + "-" + (end - 1))
            .ifMatch(object.etag())
            .overrideConfiguration(attempts.config())
            .build();
    ResponseInputStream<GetObjectResponse> r;
    try {
      r = store.client().getObject(request);
    } catch (RuntimeException e) {
      throw requestFailed(e, attempts);
    }
    GetObjectResponse meta = r.response();
    if (meta.eTag() != null && !meta.eTag().equals(object.etag())) {
      // A server that ignores If-Match must still not hand us another version's bytes.
      r.abort();
      throw changed();
    }
    long expected = end - position;
    long length = meta.contentLength() == null ? -1 : meta.contentLength();
    ContentRange range = ContentRange.parse(meta.contentRange());
    if (range != null && range.total() >= 0 && range.total() != object.size()) {
      // Same ETag check aside, a different total size means another version of the object.
      r.abort();
      throw changed();
    }
    boolean startsHere =
        range != null ? range.first() == position && range.length() == length : position == 0;
    if (length < 0 || length > expected || !startsHere) {
      r.abort();
      throw new StorageException(
          "asked for bytes "
              + position
              + "-"
              + (end - 1)
              + " of object '"
              + object.key()
              + "' but the server answered "
              + meta.contentLength()
              + " bytes (Content-Range "
              + meta.contentRange()
              + "); the server does not honour Range requests");
    }
    // A body shorter than asked is kept: its bytes are good, and the rest is asked for again.
    responseStart = position;
    responseEnd = position + length;
    return r;
  }

  private ObjectChangedException changed() {
    store.changes().record(object.key());
    return new ObjectChangedException(object.key(), object.etag(), position);
  }

  /**
   * The failure of a GET the SDK gave up on (after its own retries): a change of the object, or the
   * translated error with the attempts made.
   */
  private StorageException requestFailed(RuntimeException e, Attempts attempts) {
    if (e instanceof S3Exception s3
        && (s3.statusCode() == 412 || s3.statusCode() == 404 || s3.statusCode() == 416)) {
      // 416: a range inside the version we listed is outside the object now, so it was
      // replaced by a smaller one (servers check the range before If-Match).
      return changed();
    }
    StorageException translated =
        store
            .errors()
            .translate(e, "reading object '" + object.key() + "' at byte offset " + position);
    return attempts.count() > 1
        ? new StorageException(
            translated.getMessage() + " (gave up after " + attempts.count() + " attempts)", e)
        : translated;
  }

  /** Drops the broken body and resumes from {@link #position}, or gives up. */
  private void failed(Exception e) {
    abortResponse();
    String what = "reading object '" + object.key() + "' at byte offset " + position;
    failures++;
    if (e instanceof ShortBody) {
      shortBodies++;
      if (shortBodies >= store.retrier().maxAttempts()) {
        throw gaveUpOnShortBodies(e);
      }
    }
    if (!Retrier.isRetryable(e) || failures >= store.retrier().maxAttempts()) {
      StorageException translated = store.errors().translate(e, what);
      throw failures > 1
          ? new StorageException(
              translated.getMessage() + " (gave up after " + failures + " attempts)", e)
          : translated;
    }
    store.retrier().retrying(what, failures, e, store.stats(), queryStats);
  }

  /**
   * The failure when every answer to this range was short: which object and bytes, how much of them
   * arrived, and how many requests were made, so the cause (a server or proxy that cuts responses)
   * can be told from a network fault.
   */
  private StorageException gaveUpOnShortBodies(Exception last) {
    int max = store.retrier().maxAttempts();
    return new StorageException(
        "reading object '"
            + object.key()
            + "' (bytes "
            + start
            + "-"
            + (end - 1)
            + "): the server's answers ended"
            + " short of the range asked "
            + shortBodies
            + " times (1 request and "
            + (shortBodies - 1)
            + " retries from the byte reached, maxAttempts="
            + max
            + "); received "
            + (position - start)
            + " of "
            + (end - start)
            + " bytes, up to byte offset "
            + position
            + " (last answer: "
            + last.getMessage()
            + "); the server or a proxy in between cuts responses short: check it, or raise maxAttempts",
        last);
  }

  /** A body that ended, as its headers said, before the range asked for: retried like a cut. */
  private static final class ShortBody extends IOException {
    private static final long serialVersionUID = 1L;

    ShortBody(String message) {
      super(message);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0 || closed) {
      return 0;
    }
    long k = Math.min(n, end - position);
    if (k <= SKIP_BY_READING || response == null) {
      if (response != null) {
        return super.skip(k);
      }
      position += k;
      return k;
    }
    abortResponse();
    position += k;
    return k;
  }

  @Override
  public int available() {
    return 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (position < end && !drained()) {
      abortResponse();
    } else {
      release();
    }
  }

  /** Reads and drops the rest of the current answer when it is small; whether that worked. */
  private boolean drained() {
    if (response == null) {
      return true;
    }
    long left = responseEnd - position;
    if (left > DRAIN_ON_CLOSE) {
      return false;
    }
    try {
      response.skipNBytes(left);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    // The bytes crossed the wire: the counters say what was received, not what was used.
    store.stats().recordBytes(left);
    queryStats.recordBytes(left);
    return true;
  }

  /** Ends a fully read response normally, so its connection goes back to the pool. */
  private void release() {
    if (response != null) {
      ResponseInputStream<GetObjectResponse> r = response;
      response = null;
      bodyClosed();
      try {
        r.close();
      } catch (IOException e) {
        // The range was read whole; a failure to recycle the connection changes nothing.
      }
    }
  }

  /** Aborts the HTTP request so the rest of the body is not downloaded. */
  private void abortResponse() {
    if (response != null) {
      ResponseInputStream<GetObjectResponse> r = response;
      response = null;
      bodyClosed();
      r.abort();
      try {
        r.close();
      } catch (IOException | RuntimeException e) {
        // Already aborted: the connection is discarded either way.
      }
    }
  }

  private void bodyClosed() {
    store.stats().recordBodyClosed();
    queryStats.recordBodyClosed();
  }
}
