package dev.bucketsql.storage.memory;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ChangedObjects;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectNotFoundException;
import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An object store held in memory, counting requests as S3 would make them. For format tests and the
 * storage contract test; not meant for production data.
 */
public final class InMemoryObjectStore implements ObjectStore {
  private final String name;
  private final Map<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final AtomicLong versions = new AtomicLong();
  private final IoStats stats = new IoStats();
  private final ChangedObjects changes = new ChangedObjects();

  /** An empty store called {@code name} in messages. */
  public InMemoryObjectStore(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  /** Stores {@code data} under {@code key}, replacing any earlier version. */
  public ObjectInfo put(String key, byte[] data) {
    requireNonNull(key, "key is null");
    requireNonNull(data, "data is null");
    ObjectInfo info =
        new ObjectInfo(key, data.length, "\"v" + versions.incrementAndGet() + "\"", Instant.now());
    objects.put(key, new Stored(info, data.clone()));
    return info;
  }

  @Override
  public String location() {
    return "memory://" + name + "/";
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    requireNonNull(prefix, "prefix is null");
    stats.recordList();
    List<ObjectInfo> result = new ArrayList<>();
    for (Stored s : objects.values()) {
      if (s.info.key().startsWith(prefix)) {
        result.add(s.info);
      }
    }
    return result;
  }

  @Override
  public ObjectInfo head(String key) {
    stats.recordHead();
    Stored s = objects.get(key);
    if (s == null) {
      throw new ObjectNotFoundException(location(), key);
    }
    return s.info;
  }

  @Override
  public ObjectInput open(ObjectInfo object, IoStats queryStats) {
    requireNonNull(object, "object is null");
    requireNonNull(queryStats, "queryStats is null");
    return new Input(object, queryStats);
  }

  @Override
  public ChangedObjects changes() {
    return changes;
  }

  @Override
  public IoStats stats() {
    return stats;
  }

  @Override
  public void close() {}

  private record Stored(ObjectInfo info, byte[] data) {}

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

    private byte[] current(long offset) {
      Stored s = objects.get(object.key());
      if (s == null || !s.info.etag().equals(object.etag())) {
        changes.record(object.key());
        throw new ObjectChangedException(object.key(), object.etag(), offset);
      }
      return s.data;
    }

    private void count(long bytes) {
      stats.recordGet();
      stats.recordBytes(bytes);
      queryStats.recordGet();
      queryStats.recordBytes(bytes);
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) {
      byte[] data = current(position);
      if (position < 0 || position + length > data.length) {
        throw new StorageException(
            "read of "
                + length
                + " bytes at byte offset "
                + position
                + " is outside object '"
                + object.key()
                + "' of "
                + data.length
                + " bytes");
      }
      count(length);
      System.arraycopy(data, (int) position, buffer, offset, length);
    }

    @Override
    public byte[] readTail(int length) {
      byte[] data = current(0);
      int n = Math.min(length, data.length);
      count(n);
      byte[] tail = new byte[n];
      System.arraycopy(data, data.length - n, tail, 0, n);
      return tail;
    }

    @Override
    public InputStream openStream(long position) {
      return openStream(position, object.size());
    }

    @Override
    public InputStream openStream(long start, long end) {
      byte[] data = current(start);
      if (start < 0 || end > data.length || start > end) {
        throw new StorageException(
            "range [" + start + ", " + end + ") is outside object '" + object.key() + "'");
      }
      count(end - start);
      return new ByteArrayInputStream(data, (int) start, (int) (end - start));
    }
  }
}
