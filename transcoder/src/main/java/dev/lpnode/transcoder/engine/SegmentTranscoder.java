package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Transcodes one segment into every rendition of its ladder: demux and decode once on the calling
 * thread, then each decoded frame goes by reference to one {@link RenditionLane} per rendition.
 * Everything is in memory and every native object is freed before this returns or throws.
 */
public final class SegmentTranscoder {
  /** lpms's limit on renditions per segment. */
  static final int MAX_OUTPUTS = 10;

  private final EngineSettings settings;
  private final Executor laneThreads;
  private final GpuDevice gpu;

  /**
   * @param laneThreads runs two tasks per rendition while a segment is transcoded; must not bound them
   *                    below twice the renditions of concurrent segments (the tasks wait on each other)
   * @param gpu         the GPU to decode, scale and encode on, or null for software
   */
  public SegmentTranscoder(EngineSettings settings, Executor laneThreads, GpuDevice gpu) {
    this.settings = settings;
    this.laneThreads = laneThreads;
    this.gpu = gpu;
    FFmpeg.load();
  }

  public TranscodeResult transcode(TranscodeRequest request) {
    List<VideoProfile> profiles = request.profiles();
    if (profiles.size() > MAX_OUTPUTS) {
      throw new TranscodeException(TranscodeException.Kind.TOO_MANY_OUTPUTS);
    }
    List<EncoderConfig> configs = profiles.stream().map(p -> EncoderConfig.of(p, settings)).toList();
    try (SegmentInput input = SegmentInput.open(request.segment())) {
      if (!input.hasVideo()) {
        throw new TranscodeException(TranscodeException.Kind.INVALID_VIDEO);
      }
      try (Run run = new Run(request, configs, input)) {
        return run.transcode();
      }
    }
  }

  /** The state of one segment being transcoded. */
  private final class Run implements AutoCloseable {
    private final TranscodeRequest request;
    private final List<EncoderConfig> configs;
    private final SegmentInput input;
    private final VideoDecoder decoder;
    private final AudioTrack audio;
    private final AVPacket packet = av_packet_alloc();
    private final AtomicLong decodedFrames = new AtomicLong();
    private final List<AVPacket> audioBeforeVideo = new ArrayList<>();
    private List<RenditionLane> lanes;
    private long decodedPixels;
    private long videoPackets;
    private long audioPackets;
    private boolean keyframeSeen;

    Run(TranscodeRequest request, List<EncoderConfig> configs, SegmentInput input) {
      this.request = request;
      this.configs = configs;
      this.input = input;
      this.decoder = VideoDecoder.open(input.video(), settings.decoderThreads(), gpu);
      try {
        this.audio = input.hasAudio() ? new AudioTrack(input.audio()) : null;
      } catch (RuntimeException e) {
        decoder.close();
        throw e;
      }
    }

    TranscodeResult transcode() {
      while (input.read(packet) && !anyLaneFailed()) {
        try {
          if (input.isVideo(packet)) {
            video(packet);
          } else if (input.isAudio(packet)) {
            audio(packet);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      decoder.decode(null, this::frame);
      if (lanes == null) {
        return withoutVideo();
      }
      List<Rendition> renditions = finishLanes();
      return new TranscodeResult(renditions, decodedFrames.get(), decodedPixels);
    }

    private void video(AVPacket packet) {
      videoPackets++;
      // Like lpms, nothing before the segment's first keyframe is decoded: it would only give broken pictures.
      keyframeSeen |= (packet.flags() & AV_PKT_FLAG_KEY) != 0;
      if (keyframeSeen) {
        decoder.decode(packet, this::frame);
      }
    }

    private void audio(AVPacket packet) {
      audioPackets++;
      if (audio == null) {
        return;
      }
      if (lanes == null) {
        audioBeforeVideo.add(clone(packet));
      } else {
        for (RenditionLane lane : lanes) {
          lane.offerAudio(clone(packet));
        }
      }
    }

    /** Hands a decoded frame to every lane (by reference), starting them on the first one. */
    private void frame(AVFrame frame) {
      decodedFrames.incrementAndGet();
      decodedPixels += (long) frame.width() * frame.height();
      if (lanes == null) {
        startLanes(frame);
      }
      for (RenditionLane lane : lanes) {
        AVFrame reference = av_frame_clone(frame);
        if (reference == null) {
          throw new OutOfMemoryError("av_frame_clone");
        }
        lane.offerFrame(reference);
      }
      if (!audioBeforeVideo.isEmpty()) {
        for (AVPacket early : audioBeforeVideo) {
          for (RenditionLane lane : lanes) {
            lane.offerAudio(clone(early));
          }
          av_packet_free(early);
        }
        audioBeforeVideo.clear();
      }
    }

    private void startLanes(AVFrame first) {
      Rational timeBase = Rational.of(input.video().time_base());
      Rational frameRate = decoder.frameRate();
      List<RenditionLane> created = new ArrayList<>();
      for (int i = 0; i < configs.size(); i++) {
        VideoProfile profile = request.profiles().get(i);
        OutputSize size = OutputSize.of(profile, first.width(), first.height());
        created.add(new RenditionLane(profile, configs.get(i), size, FilterChain.of(profile, size, gpu != null),
            timeBase, frameRate, audio, decodedFrames, request.durationMs(), laneThreads));
      }
      created.forEach(laneThreads::execute);
      lanes = created;
    }

    private boolean anyLaneFailed() {
      return lanes != null && lanes.stream().anyMatch(RenditionLane::failed);
    }

    private List<Rendition> finishLanes() {
      List<RenditionLane> finishing = lanes;
      lanes = null;
      finishing.forEach(RenditionLane::end);
      List<Rendition> renditions = new ArrayList<>();
      RuntimeException failure = null;
      // Each finished rendition is checked on a lane thread of its own, so the checks run in parallel.
      List<CompletableFuture<Rendition>> results = finishing.stream()
          .map(lane -> settings.checkOutput() ? lane.result().thenApplyAsync(OutputCheck::check, laneThreads) : lane.result())
          .toList();
      for (CompletableFuture<Rendition> result : results) {
        try {
          renditions.add(result.join());
        } catch (CompletionException e) {
          if (failure == null) {
            failure = asTranscodeFailure(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return renditions;
    }

    /** Audio-only input is passed through as every rendition (lpms's bypass); anything else is an error. */
    private TranscodeResult withoutVideo() {
      if (decoder.refusedByGpu()) {
        throw new TranscodeException(TranscodeException.Kind.UNSUPPORTED_PIXEL_FORMAT);
      }
      if (videoPackets == 0 && audioPackets > 0) {
        List<Rendition> copies = request.profiles().stream()
            .map(p -> new Rendition(p, 0, 0, 0, 0, request.segment()))
            .toList();
        return new TranscodeResult(copies, 0, 0);
      }
      if (videoPackets > 0 && !keyframeSeen) {
        throw new TranscodeException(TranscodeException.Kind.NO_KEYFRAMES);
      }
      throw new TranscodeException(TranscodeException.Kind.INVALID_VIDEO);
    }

    private AVPacket clone(AVPacket packet) {
      AVPacket copy = av_packet_clone(packet);
      if (copy == null) {
        throw new OutOfMemoryError("av_packet_clone");
      }
      return copy;
    }

    @Override
    public void close() {
      if (lanes != null) {
        // Failed before the end: let the lanes finish (they free their own state) and drop their results.
        lanes.forEach(RenditionLane::end);
        lanes.forEach(lane -> lane.result().exceptionally(t -> null).join());
      }
      audioBeforeVideo.forEach(p -> av_packet_free(p));
      av_packet_free(packet);
      decoder.close();
      if (audio != null) {
        audio.close();
      }
    }
  }

  /** Lane failures arrive wrapped; unexpected ones become FFmpeg-style errors rather than crashes. */
  static RuntimeException asTranscodeFailure(Throwable t) {
    if (t instanceof TranscodeException e) {
      return e;
    }
    return new TranscodeException(TranscodeException.Kind.FFMPEG, String.valueOf(t.getMessage() != null ? t.getMessage() : t));
  }
}
