package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.StorageException;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code .csv.gz} and {@code .csv.zst} objects, decompressed as a stream. */
@ExtendWith(CsvS3.class)
class CsvCompressionTest {
  private static final String TEXT =
      "\uFEFFid,review\r\n1,\"tasty, \"\"easy\"\"\nagain\"\r\n2,plain\r\n";

  @Test
  void gzipByExtension() throws Exception {
    CsvDataFile f = file("r.csv.gz", gzip(TEXT.getBytes(UTF_8)), CsvOptions.defaults());
    assertThat(f.compression()).isEqualTo(CsvCompression.GZIP);
    assertThat(f.dialect().bomLength()).isEqualTo(3);
    assertThat(rows(f))
        .containsExactly(List.of(1L, "tasty, \"easy\"\nagain"), List.of(2L, "plain"));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void zstdByExtension() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new ZstdOutputStream(out)) {
      z.write(TEXT.getBytes(UTF_8));
    }
    CsvDataFile f = file("r.csv.zst", out.toByteArray(), CsvOptions.defaults());
    assertThat(f.compression()).isEqualTo(CsvCompression.ZSTD);
    assertThat(rows(f))
        .containsExactly(List.of(1L, "tasty, \"easy\"\nagain"), List.of(2L, "plain"));
  }

  @Test
  void aLargeGzipIsStreamedAndALimitStopsEarly() throws Exception {
    StringBuilder sb = new StringBuilder("id,noise\n");
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      sb.append(i).append(",\"").append(Long.toHexString(random.nextLong())).append("\"\n");
    }
    byte[] gz = gzip(sb.toString().getBytes(UTF_8));
    assertThat(gz.length).isGreaterThan(2_000_000);
    CsvDataFile f = file("big.csv.gz", gz, CsvOptions.defaults());
    assertThat(count(f)).isEqualTo(200_000);
    IoStats stats = new IoStats();
    try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), stats))) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.moveNext()).isTrue();
      }
    }
    assertThat(stats.bytesFetched()).isLessThan(gz.length / 2);
  }

  @Test
  void aCorruptGzipNamesTheKey() {
    assertThatThrownBy(
            () -> file("bad.csv.gz", "not gzip".getBytes(UTF_8), CsvOptions.defaults()).schema())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("CSV object 'bad.csv.gz'")
        .hasMessageContaining("GZIP");
  }

  @Test
  void errorsInsideACompressedObjectKeepTheirLine() throws Exception {
    CsvOptions o = CsvOptions.builder().sampleBytes(20).build();
    byte[] gz = gzip("id,n\n1,2\n3,4\n5,6,7\n".getBytes(UTF_8));
    CsvDataFile f = file("wide.csv.gz", gz, o);
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("CSV object 'wide.csv.gz' line 4: record has 3 fields");
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }
}
