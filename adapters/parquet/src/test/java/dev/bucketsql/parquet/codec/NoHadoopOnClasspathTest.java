package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Guards the decision to run Parquet without Hadoop: if a Hadoop jar slipped onto the test
 * classpath, the other tests of this module could pass by loading Hadoop classes silently.
 */
class NoHadoopOnClasspathTest {
  @Test
  void noHadoopClassIsLoadable() {
    for (String name :
        new String[] {
          "org.apache.hadoop.conf.Configuration",
          "org.apache.hadoop.fs.Path",
          "org.apache.hadoop.io.compress.CompressionCodec",
          "com.github.luben.zstd.Zstd"
        }) {
      assertThatThrownBy(() -> Class.forName(name)).isInstanceOf(ClassNotFoundException.class);
    }
  }
}
