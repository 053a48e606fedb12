package dev.bucketsql.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading ahead gives every byte once and in order, and closing early still aborts the download:
 * over a 6 MiB object of the real S3 test server.
 */
@ExtendWith(CsvS3.class)
class CsvReadAheadTest {
  private static final int SIZE = 6 * 1024 * 1024;

  private static byte[] upload(String key) {
    byte[] data = new byte[SIZE];
    new Random(3).nextBytes(data);
    CsvS3.server().putObject(CsvS3.BUCKET, key, data);
    return data;
  }

  @Test
  void givesEveryByteInOrderThroughTheRampAndTheReader() throws IOException {
    byte[] data = upload("ahead.bin");
    ObjectInfo info = CsvS3.store().head("ahead.bin");
    IoStats stats = new IoStats();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectInput input = CsvS3.store().open(info, stats);
        InputStream in = new CsvReadAhead(input.openStream(0), 64 * 1024, 3, 100_000)) {
      byte[] b = new byte[7919];
      int n;
      while ((n = in.read(b, 0, b.length)) >= 0) {
        out.write(b, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(stats.bytesFetched()).isEqualTo(SIZE);
  }

  @Test
  void closingEarlyStopsTheReaderAndAbortsTheDownload() throws IOException {
    upload("ahead-close.bin");
    ObjectInfo info = CsvS3.store().head("ahead-close.bin");
    IoStats stats = new IoStats();
    InputStream in;
    try (ObjectInput input = CsvS3.store().open(info, stats)) {
      in = new CsvReadAhead(input.openStream(0), 64 * 1024, 3, 100_000);
      in.readNBytes(300_000);
      in.close();
    }
    // At most the ramp, the chunks ahead and one read in progress: far from the 6 MiB.
    assertThat(stats.bytesFetched()).isLessThan(2L * 1024 * 1024);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class);
  }
}
