package dev.bucketsql.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do, whatever is behind it. Subclasses supply a fresh, empty
 * store per test and a way to write objects into it from outside.
 */
public abstract class ObjectStoreContractTest {
  /** The store under test, empty at the start of each test. */
  protected abstract ObjectStore store();

  /** Writes (or rewrites) {@code key} behind the store's back and returns its new version. */
  protected abstract void write(String key, byte[] data);

  protected static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void listsByPrefixInKeyOrder() {
    write("b/2.csv", "b2".getBytes(UTF_8));
    write("a/1.csv", "a-one".getBytes(UTF_8));
    write("a/2.csv", "a2".getBytes(UTF_8));
    write("ab.csv", "x".getBytes(UTF_8));

    List<ObjectInfo> underA = store().list("a/");
    assertThat(underA).extracting(ObjectInfo::key).containsExactly("a/1.csv", "a/2.csv");
    assertThat(underA.get(0).size()).isEqualTo(5);
    assertThat(underA.get(0).etag()).isNotBlank();
    assertThat(store().list(""))
        .extracting(ObjectInfo::key)
        .containsExactly("a/1.csv", "a/2.csv", "ab.csv", "b/2.csv");
    assertThat(store().list("nothing-here/")).isEmpty();
  }

  @Test
  void headDescribesTheObjectLikeTheListing() {
    write("data/x.bin", randomBytes(1234, 1));
    ObjectInfo head = store().head("data/x.bin");
    assertThat(head.key()).isEqualTo("data/x.bin");
    assertThat(head.size()).isEqualTo(1234);
    assertThat(head.etag()).isEqualTo(store().list("data/").get(0).etag());
  }

  @Test
  void headOfAMissingKeyNamesTheKey() {
    assertThatThrownBy(() -> store().head("missing/thing.csv"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("missing/thing.csv");
  }

  @Test
  void readsFullyAtAnyOffset() {
    byte[] data = randomBytes(100_000, 2);
    write("r.bin", data);
    try (ObjectInput in = store().open(store().head("r.bin"), new IoStats())) {
      assertThat(in.length()).isEqualTo(data.length);
      for (int position : new int[] {0, 1, 4095, 50_000, 99_990}) {
        byte[] buf = new byte[10];
        in.readFully(position, buf);
        assertThat(buf).isEqualTo(Arrays.copyOfRange(data, position, position + 10));
      }
      byte[] middle = new byte[20];
      in.readFully(300, middle, 5, 10);
      assertThat(Arrays.copyOfRange(middle, 5, 15)).isEqualTo(Arrays.copyOfRange(data, 300, 310));
      assertThat(Arrays.copyOfRange(middle, 0, 5)).containsOnly(0);
    }
  }

  @Test
  void readOutsideTheObjectNamesKeyAndOffset() {
    write("short.bin", new byte[10]);
    try (ObjectInput in = store().open(store().head("short.bin"), new IoStats())) {
      assertThatThrownBy(() -> in.readFully(8, new byte[5]))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("short.bin")
          .hasMessageContaining("8");
    }
  }

  @Test
  void readsTheTail() {
    byte[] data = randomBytes(5000, 3);
    write("t.bin", data);
    try (ObjectInput in = store().open(store().head("t.bin"), new IoStats())) {
      assertThat(in.readTail(8)).isEqualTo(Arrays.copyOfRange(data, 4992, 5000));
      assertThat(in.readTail(10_000)).isEqualTo(data);
    }
  }

  @Test
  void streamsRanges() throws IOException {
    byte[] data = randomBytes(200_000, 4);
    write("s.bin", data);
    try (ObjectInput in = store().open(store().head("s.bin"), new IoStats())) {
      try (InputStream s = in.openStream(0)) {
        assertThat(s.readAllBytes()).isEqualTo(data);
      }
      try (InputStream s = in.openStream(150_000)) {
        assertThat(s.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 150_000, 200_000));
      }
      try (InputStream s = in.openStream(1000, 1100)) {
        assertThat(s.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 1100));
      }
      try (InputStream s = in.openStream(7, 7)) {
        assertThat(s.read()).isEqualTo(-1);
      }
      assertThatThrownBy(() -> in.openStream(10, 200_001))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("s.bin");
    }
  }

  @Test
  void readsOfARewrittenObjectFailInsteadOfMixingVersions() {
    write("v.csv", "version one".getBytes(UTF_8));
    ObjectInfo first = store().head("v.csv");
    try (ObjectInput in = store().open(first, new IoStats())) {
      write("v.csv", "version two!".getBytes(UTF_8));
      assertThatThrownBy(() -> in.readFully(0, new byte[5]))
          .isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining("v.csv");
      assertThatThrownBy(() -> in.openStream(0).readAllBytes())
          .isInstanceOf(ObjectChangedException.class);
    }
    assertThat(store().head("v.csv").etag()).isNotEqualTo(first.etag());
  }

  @Test
  void countsRequestsAndBytesInTheStoreAndPerInput() throws IOException {
    write("c/1.bin", randomBytes(3000, 5));
    IoStats.Snapshot before = store().stats().snapshot();
    ObjectInfo info = store().list("c/").get(0);
    IoStats query = new IoStats();
    try (ObjectInput in = store().open(info, query)) {
      in.readFully(100, new byte[200]);
      in.readTail(50);
      try (InputStream s = in.openStream(0, 1000)) {
        assertThat(s.readAllBytes()).hasSize(1000);
      }
    }
    assertThat(query.getRequests()).isEqualTo(3);
    assertThat(query.bytesFetched()).isEqualTo(1250);
    assertThat(query.listRequests()).isZero();
    IoStats.Snapshot delta = store().stats().snapshot().minus(before);
    assertThat(delta.listRequests()).isEqualTo(1);
    assertThat(delta.getRequests()).isEqualTo(3);
    assertThat(delta.bytesFetched()).isEqualTo(1250);
  }
}
