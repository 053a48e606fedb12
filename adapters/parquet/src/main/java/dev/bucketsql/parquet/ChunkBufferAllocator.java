package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The allocator parquet-java's reader of a scan gets its row-group buffers from: each buffer is,
 * where it can be, a view of the prefetched piece that already holds the bytes to be read into it
 * ({@link ParquetInputStream#lend}), so the column chunks are not copied a second time, from the
 * pieces into parquet-java's buffers; otherwise a new heap buffer, as parquet-java's own allocator
 * would give.
 *
 * <p>parquet-java 1.18 allocates from it only to read consecutive column chunks (seek, allocate,
 * read each buffer in turn) and, with a direct allocator, to decompress or decrypt pages; this one
 * is a heap allocator ({@link #isDirect} is false), so only the first happens. A lent buffer read
 * anywhere but at its own offset fails (the stream checks), never overwrites a piece.
 */
final class ChunkBufferAllocator implements ByteBufferAllocator {
  private final ParquetInputStream stream;

  ChunkBufferAllocator(ParquetInputStream stream) {
    this.stream = requireNonNull(stream, "stream is null");
  }

  @Override
  public ByteBuffer allocate(int size) {
    ByteBuffer view;
    try {
      view = stream.lend(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return view != null ? view : ByteBuffer.allocate(size);
  }

  @Override
  public void release(ByteBuffer b) {
    // heap buffers and views of pieces: the garbage collector frees both
  }

  @Override
  public boolean isDirect() {
    return false;
  }
}
