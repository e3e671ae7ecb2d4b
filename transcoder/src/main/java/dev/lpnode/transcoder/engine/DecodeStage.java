package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The first stage of a segment: each step demuxes one packet and decodes it, and each decoded frame
 * goes by reference to one {@link RenditionLane} per rendition. The lanes start on the first frame,
 * whose size decides theirs.
 */
final class DecodeStage extends Stage {
  private final StepScheduler scheduler;
  private final TranscodeRequest request;
  private final List<EncoderConfig> configs;
  private final SegmentInput input;
  private final VideoDecoder decoder;
  private final AudioTrack audio;
  private final boolean gpu;
  private final boolean checkOutput;
  private final AVPacket packet = av_packet_alloc();
  private final AtomicLong decodedFrames = new AtomicLong();
  private final List<AVPacket> audioBeforeVideo = new ArrayList<>();
  private List<RenditionLane> lanes;
  private long decodedPixels;
  private long videoPackets;
  private long audioPackets;
  private boolean keyframeSeen;
  private boolean ended;

  /** Opens the decoder of {@code input}, which the caller closes after this stage is released. */
  DecodeStage(StepScheduler scheduler, TranscodeRequest request, List<EncoderConfig> configs, SegmentInput input,
      int decoderThreads, GpuDevice gpu, boolean checkOutput) {
    this.scheduler = scheduler;
    this.request = request;
    this.configs = configs;
    this.input = input;
    this.gpu = gpu != null;
    this.checkOutput = checkOutput;
    this.decoder = VideoDecoder.open(input.video(), decoderThreads, gpu);
    try {
      this.audio = input.hasAudio() ? new AudioTrack(input.audio()) : null;
    } catch (RuntimeException e) {
      decoder.close();
      throw e;
    }
  }

  @Override
  boolean ready() {
    return !ended && (lanes == null || lanes.stream().allMatch(RenditionLane::hasRoom));
  }

  @Override
  Object claim() {
    return null;
  }

  /** Reads and decodes one packet; at the end, drains the decoder and ends the lanes. */
  @Override
  void step(Object unused) {
    if (!input.read(packet)) {
      ended = true;
      decoder.decode(null, this::frame);
      if (lanes != null) {
        lanes.forEach(RenditionLane::end);
      }
      return;
    }
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

  @Override
  boolean done() {
    return ended;
  }

  /** The segment's result, once every stage is done. */
  TranscodeResult result() {
    if (lanes == null) {
      return withoutVideo();
    }
    List<Rendition> renditions = lanes.stream().map(lane -> lane.output().rendition()).toList();
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
    ContentCheck.checkFrameSize(frame.width(), frame.height());
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

  /**
   * Creates the lanes in the ladder's order, and gives them to the scheduler largest first: the largest
   * rendition's encoder is the longest serial chain of work, so it goes first, each output before its
   * filter so that queued frames drain before more are made.
   */
  private void startLanes(AVFrame first) {
    Rational timeBase = Rational.of(input.video().time_base());
    Rational frameRate = decoder.frameRate();
    List<RenditionLane> created = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      VideoProfile profile = request.profiles().get(i);
      OutputSize size = OutputSize.of(profile, first.width(), first.height());
      created.add(new RenditionLane(scheduler, profile, configs.get(i), size, FilterChain.of(profile, size, gpu),
          timeBase, frameRate, audio, decodedFrames, request.durationMs(), checkOutput));
    }
    List<Stage> byUrgency = new ArrayList<>();
    created.stream()
        .sorted(Comparator.comparingLong((RenditionLane lane) -> lane.size().pixels()).reversed())
        .forEach(lane -> {
          byUrgency.add(lane.output());
          byUrgency.add(lane);
        });
    lanes = created;
    scheduler.add(byUrgency);
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
  void release() {
    audioBeforeVideo.forEach(p -> av_packet_free(p));
    audioBeforeVideo.clear();
    av_packet_free(packet);
    decoder.close();
    if (audio != null) {
      audio.close();
    }
  }
}
