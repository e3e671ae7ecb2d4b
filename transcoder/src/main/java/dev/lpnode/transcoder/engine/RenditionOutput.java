package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The second stage of a rendition: encodes its filtered frames and muxes them with the copied audio,
 * while the rendition's {@link RenditionLane} scales the next frames (as the ffmpeg 7 program gives
 * each output a filter thread and an encoder thread). Owns the encoder and the muxer and frees them.
 */
final class RenditionOutput extends RenditionStage {
  private final VideoProfile profile;
  private final OutputSize size;
  private final boolean checkOutput;
  private RenditionEncoder encoder;
  private RenditionMuxer muxer;
  private long frameDuration;
  private long frames;
  private Rendition rendition;

  /** @param checkOutput whether to decode the finished file and check it ({@link OutputCheck}) */
  RenditionOutput(StepScheduler scheduler, VideoProfile profile, OutputSize size, boolean checkOutput) {
    super(scheduler);
    this.profile = profile;
    this.size = size;
    this.checkOutput = checkOutput;
  }

  /**
   * Takes over the encoder and muxer, before the first frame is offered.
   *
   * @param frameDuration in the encoder's time base, for packets libx264 leaves without one
   */
  void start(RenditionEncoder encoder, RenditionMuxer muxer, long frameDuration) {
    this.encoder = encoder;
    this.muxer = muxer;
    this.frameDuration = frameDuration;
  }

  /** The finished rendition, once this stage is done. */
  Rendition rendition() {
    return rendition;
  }

  @Override
  boolean outputHasRoom() {
    return true;
  }

  @Override
  void releaseNatives() {
    if (muxer != null) {
      muxer.close();
      encoder.close();
    }
  }

  /** A filtered frame, its picture type already decided. */
  @Override
  void frame(AVFrame frame) {
    try {
      encoder.encode(frame, this::write);
      frames++;
    } finally {
      av_frame_free(frame);
    }
  }

  @Override
  void finish() {
    if (muxer == null) {
      throw new IllegalStateException("rendition " + profile.name() + " received no video");
    }
    encoder.encode(null, this::write);
    Rendition finished = new Rendition(profile, size.width(), size.height(), frames, frames * size.pixels(),
        muxer.finish());
    rendition = checkOutput ? OutputCheck.check(finished) : finished;
  }

  @Override
  void audio(AVPacket packet) {
    try {
      muxer.writeAudio(packet);
    } finally {
      av_packet_free(packet);
    }
  }

  private void write(AVPacket packet) {
    if (packet.duration() <= 0) {
      // libx264 leaves it unset; without it MP4's edit list ends where the last frame starts and hides it.
      packet.duration(frameDuration);
    }
    muxer.writeVideo(packet);
  }
}
