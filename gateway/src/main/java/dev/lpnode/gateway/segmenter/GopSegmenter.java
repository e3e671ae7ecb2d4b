package dev.lpnode.gateway.segmenter;

import dev.lpnode.gateway.media.AacConfig;
import dev.lpnode.gateway.media.AvcConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Cuts a live stream into segments that each start with a keyframe: a segment ends at the first
 * keyframe at least the target duration after its start, so a publisher with a longer GOP gets
 * longer segments, never broken ones (lpms cuts the same way with FFmpeg's HLS muxer). Video before
 * the first keyframe, and audio timed before it, are dropped, as lpms does.
 *
 * <p>Audio is placed by time, not arrival: audio before the cutting keyframe's decode time goes to
 * the finished segment, which is handed on once audio reaches that time (or video has moved
 * {@link #AUDIO_GRACE_MS} past it); audio at or after it goes to the new segment, even if it
 * arrived before the keyframe. Splitting audio at the keyframe's decode time rather than its
 * presentation time (later, with B-frames) is what FFmpeg's HLS muxer does, and saves waiting for
 * the B-frame delay. A new codec configuration forces a cut at the next keyframe. An audio-only
 * stream is cut on time. Pure logic; not thread-safe.
 */
public final class GopSegmenter {
  /** How far video may run ahead of the cut while the finished segment waits for its audio. */
  static final long AUDIO_GRACE_MS = 1000;
  private static final long DEFAULT_VIDEO_FRAME_MS = 33;
  private static final long DEFAULT_AUDIO_FRAME_MS = 21;

  private final long targetMs;
  private final long maxDurationMs;
  private final long maxBytes;
  private final LongSupplier nanoClock;
  private final Consumer<SegmentPlan> output;

  private AvcConfig videoConfig;
  private AacConfig audioConfig;
  private boolean audioOnly;
  private boolean forceCut;
  private Building open;
  private Building closing;
  /** Audio that came before the first keyframe: the part timed at or after it joins the first segment. */
  private final List<MediaPacket> preroll = new ArrayList<>();
  private long nextSeq;

  /**
   * @param targetMs      shortest segment, unless the stream ends
   * @param maxDurationMs longest wait for a keyframe before the stream is refused
   * @param maxBytes      most bytes a segment may hold before the stream is refused
   * @param nanoClock     stamps the moment each segment is cut, for latency measurements
   */
  public GopSegmenter(long targetMs, long maxDurationMs, long maxBytes, LongSupplier nanoClock,
      Consumer<SegmentPlan> output) {
    if (targetMs <= 0 || maxDurationMs < targetMs || maxBytes <= 0) {
      throw new IllegalArgumentException("invalid segmenter limits");
    }
    this.targetMs = targetMs;
    this.maxDurationMs = maxDurationMs;
    this.maxBytes = maxBytes;
    this.nanoClock = nanoClock;
    this.output = output;
  }

  public void videoConfig(AvcConfig config) {
    if (!config.equals(videoConfig)) {
      forceCut = forceCut || videoConfig != null || audioOnly;
      videoConfig = config;
      audioOnly = false;
    }
  }

  public void audioConfig(AacConfig config) {
    if (!config.equals(audioConfig)) {
      forceCut = forceCut || audioConfig != null;
      audioConfig = config;
    }
  }

  /** The publisher declared audio and no video: cut on time instead of waiting for keyframes. */
  public void audioOnly() {
    if (videoConfig == null) {
      audioOnly = true;
    }
  }

  public void video(long dts, long pts, boolean keyframe, byte[] data) throws SegmenterException {
    if (videoConfig == null) {
      return; // nothing can decode frames that come before their configuration
    }
    if (closing != null && dts >= closing.audioCut + AUDIO_GRACE_MS) {
      finishClosing();
    }
    if (keyframe && (open == null || forceCut || pts - open.startPts >= targetMs)) {
      List<MediaPacket> early = open == null ? takePreroll(dts) : open.takeAudioFrom(dts);
      cut(pts, dts);
      open = new Building(pts, videoConfig, audioConfig);
      early.forEach(open::add);
      forceCut = false;
    }
    if (open == null) {
      return; // waiting for the first keyframe
    }
    open.add(new MediaPacket(true, dts, Math.max(pts, dts), keyframe, data));
    if (dts - open.startPts > maxDurationMs) {
      throw new SegmenterException("no keyframe for " + (dts - open.startPts) + " ms: the keyframe interval must be under "
          + maxDurationMs + " ms");
    }
    checkSize();
  }

  public void audio(long ts, byte[] data) throws SegmenterException {
    if (audioConfig == null) {
      return;
    }
    MediaPacket packet = new MediaPacket(false, ts, ts, true, data);
    if (closing != null) {
      if (ts < closing.audioCut) {
        closing.add(packet);
        checkSize();
        return;
      }
      finishClosing();
    }
    if (audioOnly && (open == null || forceCut || ts - open.startPts >= targetMs)) {
      cut(ts, ts);
      finishClosing();
      open = new Building(ts, null, audioConfig);
      forceCut = false;
    }
    if (open != null) {
      open.add(packet);
      checkSize();
    } else if (closing == null) {
      preroll.add(packet);
      preroll.removeIf(p -> p.dts() < ts - AUDIO_GRACE_MS);
    }
  }

  private List<MediaPacket> takePreroll(long from) {
    List<MediaPacket> early = preroll.stream().filter(p -> p.dts() >= from).toList();
    preroll.clear();
    return early;
  }

  /** The stream ended: hands on what is buffered. */
  public void finish() {
    finishClosing();
    if (open != null && !open.packets.isEmpty()) {
      open.endPts = open.naturalEnd();
      open.cutNanos = nanoClock.getAsLong();
      emit(open);
    }
    open = null;
  }

  /** Ends the open segment where the next one starts: at {@code pts} for video, {@code dts} for audio. */
  private void cut(long pts, long dts) {
    if (open == null) {
      return;
    }
    finishClosing();
    open.endPts = pts;
    open.audioCut = dts;
    open.cutNanos = nanoClock.getAsLong();
    closing = open;
    open = null;
    if (audioConfig == null) {
      finishClosing(); // no audio to wait for
    }
  }

  private void finishClosing() {
    if (closing != null) {
      Building done = closing;
      closing = null;
      emit(done);
    }
  }

  private void emit(Building b) {
    long duration = Math.max(1, b.endPts - b.startPts);
    output.accept(new SegmentPlan(nextSeq++, b.startPts, duration, b.video, b.audio, List.copyOf(b.packets),
        b.cutNanos));
  }

  private void checkSize() throws SegmenterException {
    long held = (open == null ? 0 : open.bytes) + (closing == null ? 0 : closing.bytes);
    if (held > maxBytes) {
      throw new SegmenterException("segment exceeds " + maxBytes + " bytes: the keyframe interval is too long for the bitrate");
    }
  }

  /** A segment being filled. */
  private static final class Building {
    final long startPts;
    final AvcConfig video;
    final AacConfig audio;
    final List<MediaPacket> packets = new ArrayList<>();
    long endPts;
    /** Audio from this decode time on belongs to the next segment. */
    long audioCut;
    long cutNanos;
    long bytes;
    long lastVideoDts = Long.MIN_VALUE;
    long lastAudioDts = Long.MIN_VALUE;

    Building(long startPts, AvcConfig video, AacConfig audio) {
      this.startPts = startPts;
      this.video = video;
      this.audio = audio;
    }

    /** Adds a packet unless its decode time does not advance (the muxer needs increasing DTS per stream). */
    void add(MediaPacket p) {
      if (p.dts() <= (p.video() ? lastVideoDts : lastAudioDts)) {
        return;
      }
      if (p.video()) {
        lastVideoDts = p.dts();
      } else {
        lastAudioDts = p.dts();
      }
      packets.add(p);
      bytes += p.data().length;
    }

    /** Removes the audio at or after {@code t}: it arrived before the cutting keyframe but plays after it. */
    List<MediaPacket> takeAudioFrom(long t) {
      List<MediaPacket> taken = new ArrayList<>();
      lastAudioDts = Long.MIN_VALUE;
      for (Iterator<MediaPacket> it = packets.iterator(); it.hasNext(); ) {
        MediaPacket p = it.next();
        if (!p.video() && p.dts() >= t) {
          taken.add(p);
          bytes -= p.data().length;
          it.remove();
        } else if (!p.video()) {
          lastAudioDts = p.dts();
        }
      }
      return taken;
    }

    /**
     * Where the last frame ends, for the stream's final segment: the last frame lasts the average
     * frame interval (millisecond timestamps of 30 fps video step 33 or 34 ms).
     */
    long naturalEnd() {
      boolean hasVideo = packets.stream().anyMatch(MediaPacket::video);
      List<MediaPacket> frames = packets.stream().filter(p -> p.video() == hasVideo).toList();
      long end = frames.stream().mapToLong(MediaPacket::pts).max().orElse(startPts);
      int n = frames.size();
      double interval = n < 2 ? (hasVideo ? DEFAULT_VIDEO_FRAME_MS : DEFAULT_AUDIO_FRAME_MS)
          : (frames.get(n - 1).dts() - frames.get(0).dts()) / (double) (n - 1);
      return Math.round(end + interval);
    }
  }
}
