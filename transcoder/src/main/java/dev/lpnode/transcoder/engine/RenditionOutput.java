package dev.lpnode.transcoder.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.concurrent.CompletableFuture;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The second thread of a rendition: encodes its filtered frames and muxes them with the copied audio,
 * while the rendition's first thread scales the next frames (as the ffmpeg 7 program gives each
 * output a filter thread and an encoder thread). Owns the encoder and the muxer and frees them.
 */
final class RenditionOutput extends RenditionStage {
  private final RenditionEncoder encoder;
  private final RenditionMuxer muxer;
  private final long frameDuration;
  private final CompletableFuture<byte[]> data = new CompletableFuture<>();
  private byte[] file;

  /** @param frameDuration in the encoder's time base, for packets libx264 leaves without one */
  RenditionOutput(RenditionEncoder encoder, RenditionMuxer muxer, long frameDuration) {
    this.encoder = encoder;
    this.muxer = muxer;
    this.frameDuration = frameDuration;
  }

  /** The finished file, completed once the encoder and muxer are freed. */
  CompletableFuture<byte[]> data() {
    return data;
  }

  @Override
  void release() {
    muxer.close();
    encoder.close();
  }

  @Override
  void done(Throwable failure) {
    if (failure == null) {
      data.complete(file);
    } else {
      data.completeExceptionally(failure);
    }
  }

  /** A filtered frame, its picture type already decided. */
  @Override
  void frame(AVFrame frame) {
    try {
      encoder.encode(frame, this::write);
    } finally {
      av_frame_free(frame);
    }
  }

  @Override
  void finish() {
    encoder.encode(null, this::write);
    file = muxer.finish();
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
