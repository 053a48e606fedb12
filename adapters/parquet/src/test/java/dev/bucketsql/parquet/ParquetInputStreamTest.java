package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Many small reads become few requests, and every byte read is the object's byte. */
class ParquetInputStreamTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore("stream");
  private final byte[] data = new byte[300_000];
  private final ObjectInfo info;
  private final IoStats stats = new IoStats();

  ParquetInputStreamTest() {
    new Random(1).nextBytes(data);
    info = store.put("blob", data);
  }

  private ParquetInputStream stream(int readAhead) {
    return new ParquetInputStream(store.open(info, stats), readAhead);
  }

  @Test
  void tinyReadsAreServedFromTheReadAheadBuffer() throws IOException {
    try (ParquetInputStream in = stream(64 << 10)) {
      in.seek(1000);
      for (int i = 0; i < 500; i++) {
        assertThat(in.read()).isEqualTo(data[1000 + i] & 0xFF);
      }
      byte[] some = new byte[100];
      in.readFully(some);
      assertThat(some).isEqualTo(java.util.Arrays.copyOfRange(data, 1500, 1600));
    }
    assertThat(stats.getRequests()).isEqualTo(1);
  }

  @Test
  void plannedRangesAreMergedAndReadWithOneRequestEach() throws IOException {
    try (ParquetInputStream in = stream(1024)) {
      in.plan(
          List.of(
              new ParquetInputStream.Range(10_000, 20_000),
              new ParquetInputStream.Range(20_500, 30_000), // 500-byte gap: merged
              new ParquetInputStream.Range(200_000, 250_000)), // far: separate
          1000);
      assertThat(in.plannedRanges())
          .containsExactly(
              new ParquetInputStream.Range(10_000, 30_000),
              new ParquetInputStream.Range(200_000, 250_000));
      ByteBuffer first = ByteBuffer.allocate(10_000);
      in.seek(10_000);
      in.readFully(first);
      ByteBuffer second = ByteBuffer.allocateDirect(9_500);
      in.seek(20_500);
      in.readFully(second);
      byte[] third = new byte[50_000];
      in.seek(200_000);
      in.readFully(third);
      assertThat(first.array()).isEqualTo(java.util.Arrays.copyOfRange(data, 10_000, 20_000));
      byte[] secondBytes = new byte[9_500];
      second.flip().get(secondBytes);
      assertThat(secondBytes).isEqualTo(java.util.Arrays.copyOfRange(data, 20_500, 30_000));
      assertThat(third).isEqualTo(java.util.Arrays.copyOfRange(data, 200_000, 250_000));
    }
    assertThat(stats.getRequests()).isEqualTo(2);
    assertThat(stats.bytesFetched()).isEqualTo(20_000 + 50_000);
  }

  @Test
  void readingPastTheEndIsAnEofNamingTheKey() throws IOException {
    try (ParquetInputStream in = stream(1024)) {
      in.seek(data.length - 10);
      assertThatThrownBy(() -> in.readFully(new byte[11]))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("'blob'")
          .hasMessageContaining("byte offset " + (data.length - 10));
      assertThat(in.read(new byte[20], 0, 20)).isEqualTo(10);
      assertThat(in.read()).isEqualTo(-1);
      assertThatThrownBy(() -> in.seek(data.length + 1)).isInstanceOf(EOFException.class);
    }
  }
}
