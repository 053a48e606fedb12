package dev.bucketsql.csv;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectNotFoundException;
import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A minimal object store over the AWS SDK, for this module's tests only, until the storage module's
 * S3 store exists: single-range GETs, bytes counted as the reader consumes them, and an aborted
 * request when a stream is closed before its end.
 */
final class TestS3ObjectStore implements ObjectStore {
  private final S3Client client;
  private final String bucket;
  private final IoStats stats = new IoStats();
  private final AtomicInteger aborts = new AtomicInteger();

  TestS3ObjectStore(S3Client client, String bucket) {
    this.client = requireNonNull(client, "client is null");
    this.bucket = requireNonNull(bucket, "bucket is null");
  }

  /** Streams closed before their end, whose request was aborted. */
  int aborts() {
    return aborts.get();
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/";
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> result = new ArrayList<>();
    for (ListObjectsV2Response page :
        client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
      stats.recordList();
      for (S3Object o : page.contents()) {
        result.add(new ObjectInfo(o.key(), o.size(), o.eTag(), o.lastModified()));
      }
    }
    return result;
  }

  @Override
  public ObjectInfo head(String key) {
    stats.recordHead();
    try {
      HeadObjectResponse r = client.headObject(b -> b.bucket(bucket).key(key));
      return new ObjectInfo(key, r.contentLength(), r.eTag(), r.lastModified());
    } catch (NoSuchKeyException e) {
      throw new ObjectNotFoundException(location(), key);
    }
  }

  @Override
  public ObjectInput open(ObjectInfo object, IoStats queryStats) {
    return new Input(object, queryStats);
  }

  @Override
  public IoStats stats() {
    return stats;
  }

  @Override
  public void close() {
    client.close();
  }

  private final class Input implements ObjectInput {
    private final ObjectInfo object;
    private final IoStats queryStats;

    Input(ObjectInfo object, IoStats queryStats) {
      this.object = object;
      this.queryStats = queryStats;
    }

    @Override
    public ObjectInfo object() {
      return object;
    }

    private void countGet() {
      stats.recordGet();
      queryStats.recordGet();
    }

    private void countBytes(long n) {
      stats.recordBytes(n);
      queryStats.recordBytes(n);
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) {
      if (length == 0) {
        return;
      }
      countGet();
      String range = "bytes=" + position + "-" + (position + length - 1);
      ResponseBytes<GetObjectResponse> bytes =
          client.getObjectAsBytes(b -> b.bucket(bucket).key(object.key()).range(range));
      byte[] data = bytes.asByteArrayUnsafe();
      if (data.length != length) {
        throw new StorageException(
            "object '"
                + object.key()
                + "': asked "
                + length
                + " bytes at byte offset "
                + position
                + ", got "
                + data.length);
      }
      countBytes(length);
      System.arraycopy(data, 0, buffer, offset, length);
    }

    @Override
    public byte[] readTail(int length) {
      int n = (int) Math.min(length, object.size());
      byte[] tail = new byte[n];
      readFully(object.size() - n, tail, 0, n);
      return tail;
    }

    @Override
    public InputStream openStream(long position) {
      return openStream(position, object.size());
    }

    @Override
    public InputStream openStream(long start, long end) {
      if (start == end) {
        return new ByteArrayInputStream(new byte[0]);
      }
      countGet();
      String range = "bytes=" + start + "-" + (end - 1);
      ResponseInputStream<GetObjectResponse> response =
          client.getObject(b -> b.bucket(bucket).key(object.key()).range(range));
      return new CountingStream(response, end - start);
    }

    private final class CountingStream extends FilterInputStream {
      private final ResponseInputStream<GetObjectResponse> response;
      private long remaining;
      private boolean closed;

      CountingStream(ResponseInputStream<GetObjectResponse> response, long length) {
        super(response);
        this.response = response;
        this.remaining = length;
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          remaining--;
          countBytes(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          remaining -= n;
          countBytes(n);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        if (remaining > 0) {
          // Closing would drain the rest of the body to reuse the connection; abort instead.
          response.abort();
          aborts.incrementAndGet();
        }
        response.close();
      }
    }
  }
}
