package dev.bucketsql.parquet.codec;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

/**
 * Builds {@link ParquetReadOptions} without loading any Hadoop class.
 *
 * <p>Why not {@code ParquetReadOptions.builder(...)}: in parquet-java 1.18 every builder
 * constructor eagerly creates Hadoop's codec factory (even when a codec factory is set right
 * after), and loading that class fails with {@code NoClassDefFoundError} when Hadoop is absent. The
 * options' own constructor does nothing of the kind but is package-private, so it is called through
 * a private method-handle lookup (allowed on the class path, where parquet's packages are open).
 * The lookup is resolved once, in this class's initializer, against the exact signature: a
 * parquet-java upgrade that changes it fails loudly at the first use and in this module's tests,
 * never silently.
 *
 * <p>The options enable page checksum verification (a page whose CRC does not match fails instead
 * of producing wrong values), statistics, dictionary, column-index and bloom filters for when a
 * record filter is given, and allocate on the heap.
 */
public final class HadoopFreeReadOptions {
  /** Largest single allocation parquet-java makes while reading, its own default: 8 MiB. */
  private static final int MAX_ALLOCATION = 8 << 20;

  private static final MethodHandle CONSTRUCTOR;

  static {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(ParquetReadOptions.class, MethodHandles.lookup());
      CONSTRUCTOR =
          lookup.findConstructor(
              ParquetReadOptions.class,
              MethodType.methodType(
                  void.class,
                  new Class<?>[] {
                    boolean.class, // useSignedStringMinMax
                    boolean.class, // useStatsFilter
                    boolean.class, // useDictionaryFilter
                    boolean.class, // useRecordFilter
                    boolean.class, // useColumnIndexFilter
                    boolean.class, // usePageChecksumVerification
                    boolean.class, // useBloomFilter
                    boolean.class, // useOffHeapDecryptBuffer
                    boolean.class, // useHadoopVectoredIo
                    FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class,
                    CompressionCodecFactory.class,
                    ByteBufferAllocator.class,
                    int.class, // maxAllocationSize
                    Map.class, // properties
                    FileDecryptionProperties.class,
                    ParquetMetricsCallback.class,
                    ParquetConfiguration.class
                  }));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private HadoopFreeReadOptions() {}

  /** Options reading every row with {@code codecs}; see the class description. */
  public static ParquetReadOptions create(CompressionCodecFactory codecs) {
    return create(codecs, FilterCompat.NOOP);
  }

  /**
   * As {@link #create(CompressionCodecFactory)}, with the column chunks read into buffers of {@code
   * allocator}, a heap allocator.
   */
  public static ParquetReadOptions create(
      CompressionCodecFactory codecs, ByteBufferAllocator allocator) {
    return build(codecs, FilterCompat.NOOP, true, heap(allocator));
  }

  /**
   * Options reading with {@code codecs} and skipping row groups and pages that {@code filter} rules
   * out by statistics, dictionaries, column indexes and bloom filters.
   */
  public static ParquetReadOptions create(
      CompressionCodecFactory codecs, FilterCompat.Filter filter) {
    return build(codecs, filter, true, new HeapByteBufferAllocator());
  }

  /**
   * Options reading with {@code codecs} that use {@code filter} only to skip pages by column
   * indexes ({@code readNextFilteredRowGroup}); row groups are not filtered, because the caller
   * prunes them itself and passes only the row groups to read.
   */
  public static ParquetReadOptions pageFilterOnly(
      CompressionCodecFactory codecs, FilterCompat.Filter filter) {
    return build(codecs, filter, false, new HeapByteBufferAllocator());
  }

  /**
   * As {@link #pageFilterOnly(CompressionCodecFactory, FilterCompat.Filter)}, with the column
   * chunks read into buffers of {@code allocator}, a heap allocator.
   */
  public static ParquetReadOptions pageFilterOnly(
      CompressionCodecFactory codecs, FilterCompat.Filter filter, ByteBufferAllocator allocator) {
    return build(codecs, filter, false, heap(allocator));
  }

  private static ByteBufferAllocator heap(ByteBufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    if (allocator.isDirect()) {
      // a direct allocator would also be asked for buffers to decompress and decrypt into
      throw new IllegalArgumentException("a heap allocator is expected");
    }
    return allocator;
  }

  private static ParquetReadOptions build(
      CompressionCodecFactory codecs,
      FilterCompat.Filter filter,
      boolean rowGroupFilters,
      ByteBufferAllocator allocator) {
    requireNonNull(codecs, "codecs is null");
    requireNonNull(filter, "filter is null");
    try {
      return (ParquetReadOptions)
          CONSTRUCTOR.invoke(
              false, // signed min/max for strings: wrong for UTF-8 ordering, so off
              rowGroupFilters, // statistics
              rowGroupFilters, // dictionaries
              true,
              true, // column indexes
              true, // verify page checksums where the writer stored them
              rowGroupFilters, // bloom filters
              false,
              false, // Hadoop vectored IO: we do our own range reads
              filter,
              ParquetMetadataConverter.NO_FILTER,
              codecs,
              allocator,
              MAX_ALLOCATION,
              Map.<String, String>of(),
              null,
              null,
              new PlainParquetConfiguration());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create Parquet read options", e);
    }
  }
}
