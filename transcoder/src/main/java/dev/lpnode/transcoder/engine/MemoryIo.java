package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg {@link AVIOContext} over a Java byte array: inputs are read from memory and outputs
 * written to memory, so no segment ever touches a temporary file. Seekable both ways (MP4 needs it).
 *
 * <p>JavaCPP callbacks are native thunks of which only a few can exist per class, so three process-wide
 * callbacks serve every context; FFmpeg's {@code opaque} pointer carries the id of the Java buffer.
 */
final class MemoryIo implements AutoCloseable {
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int SEEK_SET = 0;
  private static final int SEEK_CUR = 1;
  private static final int SEEK_END = 2;
  private static final Map<Long, MemoryIo> OPEN = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();
  // Strong references for the process lifetime: FFmpeg calls these from native code.
  private static final Read READ = new Read();
  private static final Write WRITE = new Write();
  private static final Seek SEEK = new Seek();

  private final long id = IDS.incrementAndGet();
  private final AVIOContext context;
  private byte[] data;
  private int length;
  private int position;

  private MemoryIo(byte[] data, int length, boolean writable) {
    this.data = data;
    this.length = length;
    OPEN.put(id, this);
    BytePointer buffer = new BytePointer(av_malloc(BUFFER_SIZE)).capacity(BUFFER_SIZE);
    Pointer opaque = new Pointer() {
      {
        address = id;
      }
    };
    context = avio_alloc_context(buffer, BUFFER_SIZE, writable ? 1 : 0, opaque, writable ? null : READ,
        writable ? WRITE : null, SEEK);
    if (context == null) {
      av_free(buffer);
      OPEN.remove(id);
      throw new OutOfMemoryError("avio_alloc_context");
    }
  }

  /** A readable context over {@code data}. */
  static MemoryIo reader(byte[] data) {
    return new MemoryIo(data, data.length, false);
  }

  /** A writable context collecting into memory. */
  static MemoryIo writer(int initialCapacity) {
    return new MemoryIo(new byte[Math.max(initialCapacity, 4096)], 0, true);
  }

  /** Contexts not closed yet, process-wide: a leak check for tests. */
  static int openCount() {
    return OPEN.size();
  }

  AVIOContext context() {
    return context;
  }

  /** What was written so far (call after the muxer flushed). */
  byte[] toByteArray() {
    return Arrays.copyOf(data, length);
  }

  @Override
  public void close() {
    // The context may have replaced its buffer; free whatever it holds now.
    av_free(context.buffer());
    avio_context_free(context);
    OPEN.remove(id);
  }

  private int read(BytePointer target, int size) {
    int n = Math.min(size, length - position);
    if (n <= 0) {
      return AVERROR_EOF;
    }
    target.position(0).put(data, position, n);
    position += n;
    return n;
  }

  private int write(BytePointer source, int size) {
    int end = position + size;
    if (end > data.length) {
      data = Arrays.copyOf(data, Math.max(end, data.length * 2));
    }
    source.position(0).get(data, position, size);
    position = end;
    length = Math.max(length, end);
    return size;
  }

  private long seek(long offset, int whence) {
    if ((whence & AVSEEK_SIZE) != 0) {
      return length;
    }
    long target = switch (whence & 0xFF) {
      case SEEK_SET -> offset;
      case SEEK_CUR -> position + offset;
      case SEEK_END -> length + offset;
      default -> -1;
    };
    if (target < 0 || target > Integer.MAX_VALUE - 8) {
      return FFmpeg.EINVAL;
    }
    position = (int) target;
    if (position > data.length) {
      data = Arrays.copyOf(data, position);
    }
    return position;
  }

  private static MemoryIo of(Pointer opaque) {
    return OPEN.get(opaque.address());
  }

  private static final class Read extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buf, int size) {
      MemoryIo io = of(opaque);
      return io == null ? AVERROR_EOF : io.read(buf, size);
    }
  }

  private static final class Write extends Write_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buf, int size) {
      MemoryIo io = of(opaque);
      return io == null ? FFmpeg.EINVAL : io.write(buf, size);
    }
  }

  private static final class Seek extends Seek_Pointer_long_int {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      MemoryIo io = of(opaque);
      return io == null ? FFmpeg.EINVAL : io.seek(offset, whence);
    }
  }
}
