package dev.bucketsql.parquet.write;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.parquet.codec.ParquetCodecFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Builders of parquet-java's {@code Group} writer that need no Hadoop jar, at compile time or at
 * run time.
 *
 * <p>Two things stand in the way otherwise. At run time, a writer builder without a configuration
 * creates a Hadoop one, and without a codec factory it creates Hadoop's. At compile time, javac
 * cannot pick between {@code withConf(Configuration)} and {@code withConf(ParquetConfiguration)}
 * without Hadoop's class files (nor between the two {@code ExampleParquetWriter.builder}
 * overloads), so the plain configuration is set through a method handle resolved on the exact
 * signature, which loads no Hadoop class.
 *
 * <p>Typical use, to a local file:
 *
 * <pre>{@code
 * try (ParquetWriter<Group> writer =
 *     GroupParquetWriters.builder(new LocalOutputFile(path), schema)
 *         .withCompressionCodec(CompressionCodecName.ZSTD)
 *         .build()) {
 *   writer.write(group);
 * }
 * }</pre>
 */
public final class GroupParquetWriters {
  private static final MethodHandle WITH_CONF;

  static {
    try {
      WITH_CONF =
          MethodHandles.publicLookup()
              .findVirtual(
                  ParquetWriter.Builder.class,
                  "withConf",
                  MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private GroupParquetWriters() {}

  /**
   * A builder writing {@code schema} records to {@code file} with a plain (Hadoop-free)
   * configuration and a {@link ParquetCodecFactory}; every other setting is parquet-java's default
   * (SNAPPY is the default codec) and can be changed on the returned builder.
   */
  public static ExampleParquetWriter.Builder builder(OutputFile file, MessageType schema) {
    requireNonNull(file, "file is null");
    requireNonNull(schema, "schema is null");
    ExampleParquetWriter.Builder builder =
        ExampleParquetWriter.builder()
            .withFile(file)
            .withType(schema)
            .withCodecFactory(new ParquetCodecFactory());
    try {
      Object configured = WITH_CONF.invoke(builder, new PlainParquetConfiguration());
      return (ExampleParquetWriter.Builder) configured;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot configure the Parquet writer", e);
    }
  }
}
