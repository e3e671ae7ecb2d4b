package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_ctx_init;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.lpnode.transcoder.TranscodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVHWFramesContext;
import org.bytedeco.javacpp.IntPointer;

/**
 * One NVIDIA GPU: a CUDA device context shared by every session of this process (lpms makes one per
 * session), NVDEC attachment for decoders, and the start-up check that the GPU can encode at all
 * (H100, H200 and A100 have NVDEC but no NVENC).
 */
public final class GpuDevice implements AutoCloseable {
  /** Decoders whose input NVDEC cannot take (lpms accepts 8-bit 4:2:0 only). */
  private static final Set<Long> UNSUPPORTED = ConcurrentHashMap.newKeySet();
  private static final Map<Integer, GpuDevice> OPEN = new ConcurrentHashMap<>();
  private static final CudaFormat GET_FORMAT = new CudaFormat();

  private final int ordinal;
  private final AVBufferRef device;

  private GpuDevice(int ordinal, AVBufferRef device) {
    this.ordinal = ordinal;
    this.device = device;
  }

  /**
   * GPU ordinals from go-livepeer's {@code -nvidia} value: {@code "0,1"}, or {@code "all"} for every
   * GPU CUDA can open.
   */
  public static List<Integer> parseDevices(String spec) {
    if (spec.isBlank()) {
      return List.of();
    }
    if (spec.trim().equals("all")) {
      List<Integer> devices = new ArrayList<>();
      for (int ordinal = 0; ordinal < 64; ordinal++) {
        try {
          of(ordinal);
          devices.add(ordinal);
        } catch (IllegalStateException e) {
          break;
        }
      }
      if (devices.isEmpty()) {
        throw new IllegalStateException("-nvidia all: CUDA found no usable NVIDIA GPU");
      }
      return devices;
    }
    List<Integer> devices = new ArrayList<>();
    for (String part : spec.split(",")) {
      try {
        devices.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-nvidia expects GPU numbers such as 0,1 or 'all', got '" + spec + "'");
      }
    }
    return List.copyOf(devices);
  }

  /** The process-wide context of a GPU, created on first use. */
  public static GpuDevice of(int ordinal) {
    return OPEN.computeIfAbsent(ordinal, GpuDevice::create);
  }

  private static GpuDevice create(int ordinal) {
    FFmpeg.load();
    AVBufferRef device = new AVBufferRef((org.bytedeco.javacpp.Pointer) null);
    int ret = av_hwdevice_ctx_create(device, AV_HWDEVICE_TYPE_CUDA, Integer.toString(ordinal), (AVDictionary) null, 0);
    if (ret < 0) {
      throw new IllegalStateException("NVIDIA GPU " + ordinal + " is not usable (CUDA: " + FFmpeg.errorText(ret)
          + "); check the driver and the device number given to -nvidia");
    }
    return new GpuDevice(ordinal, device);
  }

  public int ordinal() {
    return ordinal;
  }

  /**
   * Encodes one tiny frame with {@code encoder} on this GPU, so a node without NVENC fails at start-up
   * with a clear message instead of on the first segment.
   */
  public void checkEncoder(String encoder) {
    AVCodec codec = avcodec_find_encoder_by_name(encoder);
    if (codec == null) {
      throw new IllegalStateException("this FFmpeg build has no " + encoder + " encoder");
    }
    AVBufferRef frames = av_hwframe_ctx_alloc(device);
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    try {
      AVHWFramesContext framesContext = new AVHWFramesContext(frames.data());
      framesContext.format(AV_PIX_FMT_CUDA).sw_format(AV_PIX_FMT_NV12).width(256).height(144).initial_pool_size(2);
      checkGpu(av_hwframe_ctx_init(frames), "cannot allocate video frames");
      context.width(256).height(144).pix_fmt(AV_PIX_FMT_CUDA).time_base(av_make_q(1, 30)).framerate(av_make_q(30, 1));
      context.hw_frames_ctx(av_buffer_ref(frames));
      checkGpu(avcodec_open2(context, codec, (AVDictionary) null),
          "cannot open " + encoder + " (GPUs such as the H100, H200 and A100 have no NVENC; consumer GPUs may be "
              + "at their NVENC session limit)");
      checkGpu(av_hwframe_get_buffer(frames, frame, 0), "cannot allocate a video frame");
      frame.pts(0);
      checkGpu(avcodec_send_frame(context, frame), "test encode failed");
      checkGpu(avcodec_send_frame(context, null), "test encode failed");
      checkGpu(avcodec_receive_packet(context, packet), "test encode produced nothing");
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
      av_buffer_unref(frames);
    }
  }

  private void checkGpu(int ret, String what) {
    if (ret < 0) {
      throw new IllegalStateException("NVIDIA GPU " + ordinal + ": " + what + ": " + FFmpeg.errorText(ret));
    }
  }

  /**
   * Makes a decoder decode on this GPU (NVDEC), keeping frames in GPU memory.
   *
   * @param framesHeld decoded frames the caller may hold at once: NVDEC's surface pool must be larger
   */
  void attachDecoder(AVCodecContext decoder, int framesHeld) {
    decoder.hw_device_ctx(av_buffer_ref(device));
    decoder.get_format(GET_FORMAT);
    decoder.extra_hw_frames(framesHeld);
  }

  /** Whether NVDEC refused this decoder's pixel format. */
  static boolean refusedFormat(AVCodecContext decoder) {
    return UNSUPPORTED.contains(decoder.address());
  }

  /** The decoder is being freed: forget it. */
  static void forget(AVCodecContext decoder) {
    UNSUPPORTED.remove(decoder.address());
  }

  @Override
  public void close() {
    OPEN.remove(ordinal, this);
    av_buffer_unref(device);
  }

  /** Picks CUDA frames for 8-bit 4:2:0 input and refuses anything else, as lpms does. */
  private static final class CudaFormat extends AVCodecContext.Get_format_AVCodecContext_IntPointer {
    @Override
    public int call(AVCodecContext decoder, IntPointer formats) {
      int software = decoder.sw_pix_fmt();
      if (software == AV_PIX_FMT_YUV420P || software == AV_PIX_FMT_YUVJ420P) {
        for (int i = 0; formats.get(i) != AV_PIX_FMT_NONE; i++) {
          if (formats.get(i) == AV_PIX_FMT_CUDA) {
            return AV_PIX_FMT_CUDA;
          }
        }
      }
      UNSUPPORTED.add(decoder.address());
      return AV_PIX_FMT_NONE;
    }
  }

}
