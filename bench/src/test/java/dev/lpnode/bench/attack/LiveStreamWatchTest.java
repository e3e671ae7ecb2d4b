package dev.lpnode.bench.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Losses are gaps in the listed sequence numbers; a new stream is told by its media sequence, not by a gap. */
class LiveStreamWatchTest {
  private static String playlist(long mediaSequence, long... seqs) {
    StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:" + mediaSequence + "\n");
    for (long seq : seqs) {
      m3u8.append("#EXTINF:8.333,\nsource/").append(seq).append(".ts\n");
    }
    return m3u8.toString();
  }

  @Test
  void aWindowSpanningManyLostSegmentsIsOneStreamAndANewMediaSequenceIsARestart() {
    try (LiveStreamWatch watch = new LiveStreamWatch(1)) { // nothing listens on port 1: only what is recorded counts
      watch.record(playlist(0, 0, 1, 2));
      LiveStreamWatch.Mark before = watch.mark();
      watch.record(playlist(0, 0, 1, 2, 3));
      watch.record(playlist(1, 1, 2, 3, 17)); // 4 to 16 failed
      watch.record(playlist(1, 1, 2, 3, 17));
      assertThat(watch.since(before)).isEqualTo(new LiveStreamWatch.Window(2, 13, 0));

      LiveStreamWatch.Mark later = watch.mark();
      watch.record(playlist(0, 0, 1)); // the publisher came back as a new stream
      assertThat(watch.since(later)).isEqualTo(new LiveStreamWatch.Window(2, 0, 1));
    }
  }
}
