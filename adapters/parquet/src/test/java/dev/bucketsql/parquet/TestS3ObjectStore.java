package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectNotFoundException;
import dev.bucketsql.storage.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A minimal, test-only {@link ObjectStore} over the AWS SDK's {@link S3Client}: one ranged GET
 * per positional read, streams that abort when closed early. It lets this module's tests talk to
 * a real S3 server through the real SDK while the production S3 store is written elsewhere; it
 * has no retries and does not pin reads to the ETag.
 */
final class TestS3ObjectStore implements ObjectStore {
  private final S3Client client;
  private final String bucket;
  private final IoStats stats = new IoStats();

  TestS3ObjectStore(S3Client client, String bucket) {
    this.client = requireNonNull(client, "client is null");
    this.bucket = requireNonNull(bucket, "bucket is null");
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/";
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> result = new ArrayList<>();
    for (var page : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
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

    private ResponseInputStream<GetObjectResponse> get(long start, long endInclusive) {
      stats.recordGet();
      queryStats.recordGet();
      String range = "bytes=" + start + "-" + endInclusive;
      return client.getObject(b -> b.bucket(bucket).key(object.key()).range(range));
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
      try (InputStream in = get(position, position + length - 1)) {
        int n = in.readNBytes(buffer, offset, length);
        countBytes(n);
        if (n != length) {
          throw new IllegalStateException("short read of '" + object.key() + "' at " + position);
        }
      } catch (IOException e) {
        throw new IllegalStateException("read of '" + object.key() + "' failed", e);
      }
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
        return InputStream.nullInputStream();
      }
      ResponseInputStream<GetObjectResponse> response = get(start, end - 1);
      return new FilterInputStream(response) {
        private long left = end - start;

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            left--;
            countBytes(1);
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            left -= n;
            countBytes(n);
          }
          return n;
        }

        @Override
        public long skip(long n) throws IOException {
          // Read through, so skipped bytes are counted like the server sent them.
          byte[] scratch = new byte[8192];
          long skipped = 0;
          while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
              break;
            }
            skipped += r;
          }
          return skipped;
        }

        @Override
        public void close() throws IOException {
          if (left > 0) {
            response.abort(); // do not drain the rest of the range
          }
          super.close();
        }
      };
    }
  }
}
