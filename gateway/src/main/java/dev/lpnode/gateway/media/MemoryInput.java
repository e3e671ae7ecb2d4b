package dev.lpnode.gateway.media;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Lets FFmpeg demux a byte array: an AVIOContext whose read and seek callbacks serve the array.
 * The callbacks are two process-wide JavaCPP function pointers (JavaCPP allows few instances per
 * callback type), which find the array by the context's opaque pointer.
 */
final class MemoryInput implements AutoCloseable {
  private static final int BUFFER_SIZE = 32 * 1024;
  private static final int SEEK_SET = 0;
  private static final int SEEK_CUR = 1;
  private static final int SEEK_END = 2;
  private static final int AVSEEK_FORCE = 0x20000;
  private static final Map<Long, MemoryInput> OPEN = new ConcurrentHashMap<>();

  private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
    @Override
    public int call(Pointer opaque, BytePointer buffer, int size) {
      MemoryInput input = OPEN.get(opaque.address());
      if (input == null) {
        return AVERROR_EOF;
      }
      int n = Math.min(size, input.data.length - input.position);
      if (n <= 0) {
        return AVERROR_EOF;
      }
      buffer.position(0).put(input.data, input.position, n);
      input.position += n;
      return n;
    }
  };

  private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      MemoryInput input = OPEN.get(opaque.address());
      if (input == null) {
        return -1;
      }
      int mode = whence & ~AVSEEK_FORCE;
      if (mode == AVSEEK_SIZE) {
        return input.data.length;
      }
      long target = switch (mode) {
        case SEEK_SET -> offset;
        case SEEK_CUR -> input.position + offset;
        case SEEK_END -> input.data.length + offset;
        default -> -1;
      };
      if (target < 0 || target > input.data.length) {
        return -1;
      }
      input.position = (int) target;
      return target;
    }
  };

  private final byte[] data;
  private final BytePointer key = new BytePointer(1);
  private final AVIOContext context;
  private int position;

  MemoryInput(byte[] data) {
    this.data = data;
    OPEN.put(key.address(), this);
    BytePointer buffer = new BytePointer(av_malloc(BUFFER_SIZE)).capacity(BUFFER_SIZE);
    context = avio_alloc_context(buffer, BUFFER_SIZE, 0, key, READ, null, SEEK);
    if (context == null || context.isNull()) {
      av_free(buffer);
      OPEN.remove(key.address());
      key.close();
      throw new OutOfMemoryError("avio_alloc_context failed");
    }
  }

  /** Give this to {@code AVFormatContext.pb} with {@code AVFMT_FLAG_CUSTOM_IO}. */
  AVIOContext context() {
    return context;
  }

  /** Call after the format context is closed: FFmpeg may have replaced the buffer, so free the current one. */
  @Override
  public void close() {
    av_free(context.buffer());
    avio_context_free(context);
    OPEN.remove(key.address());
    key.close();
  }
}
