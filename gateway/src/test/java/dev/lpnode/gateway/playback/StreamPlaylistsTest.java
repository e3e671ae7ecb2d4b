package dev.lpnode.gateway.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.media.MediaInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPlaylistsTest {
  private static final MediaInfo HD = new MediaInfo(1280, 720, "avc1.64001f", "mp4a.40.2");
  private static final MediaInfo SD = new MediaInfo(426, 240, "avc1.42c015", "mp4a.40.2");

  private final StreamPlaylists playlists = new StreamPlaylists("cam");

  private static Rendition rendition(String name, int bytes, MediaInfo media) {
    return new Rendition(name, new byte[bytes], VideoProfile.Format.MPEGTS, media);
  }

  private void publish(long seq, long durationMs) {
    assertThat(playlists.publish(seq, durationMs, List.of(rendition("source", 500_000, HD), rendition("P240p30fps16x9",
        (int) (seq + 1) * 10_000, SD)))).isTrue();
  }

  @Test
  void aSlidingWindowOfSixSegmentsWithTwelveKeptForLatePlayers() {
    for (long seq = 0; seq < 8; seq++) {
      publish(seq, 2000);
    }
    String media = playlists.mediaPlaylist("source").orElseThrow();
    assertThat(media).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:2\n"
        + "#EXTINF:2.000,\nsource/2.ts\n#EXTINF:2.000,\nsource/3.ts\n#EXTINF:2.000,\nsource/4.ts\n"
        + "#EXTINF:2.000,\nsource/5.ts\n#EXTINF:2.000,\nsource/6.ts\n#EXTINF:2.000,\nsource/7.ts\n");
    assertThat(playlists.segment("source", 0)).isPresent();

    for (long seq = 8; seq < 20; seq++) {
      publish(seq, 2000);
    }
    assertThat(playlists.segment("source", 7)).isEmpty();
    assertThat(playlists.segment("source", 8)).isPresent();
    // Memory stays bounded: twelve segments per rendition.
    long expected = 12 * 500_000L;
    for (long seq = 8; seq < 20; seq++) {
      expected += (seq + 1) * 10_000;
    }
    assertThat(playlists.bytesHeld()).isEqualTo(expected);
  }

  @Test
  void theMasterPlaylistDescribesEachRenditionFromWhatItHolds() {
    publish(0, 2000);
    publish(1, 2000);

    // BANDWIDTH is the peak segment bit rate: 500 kB in 2 s is 2 Mbit/s; 20 kB in 2 s is 80 kbit/s.
    assertThat(playlists.masterPlaylist().orElseThrow()).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\"\ncam/source.m3u8\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=80000,RESOLUTION=426x240,CODECS=\"avc1.42c015,mp4a.40.2\"\n"
        + "cam/P240p30fps16x9.m3u8\n");
  }

  @Test
  void audioOnlyAndUnknownCodecsLeaveTheirAttributesOut() {
    playlists.publish(0, 2000, List.of(rendition("source", 1000, new MediaInfo(0, 0, "", "mp4a.40.2")),
        rendition("low res", 1000, new MediaInfo(320, 240, "", ""))));

    assertThat(playlists.masterPlaylist().orElseThrow()).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=4000,CODECS=\"mp4a.40.2\"\ncam/source.m3u8\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=4000,RESOLUTION=320x240\ncam/low%20res.m3u8\n");
    assertThat(playlists.mediaPlaylist("low res").orElseThrow()).contains("low%20res/0.ts");
  }

  @Test
  void renditionsShareMediaSequenceNumbersAndTargetDurationsNeverShrink() {
    playlists.publish(0, 2000, List.of(rendition("source", 10, HD)));
    playlists.publish(1, 4500, List.of(rendition("source", 10, HD), rendition("late", 10, SD)));
    playlists.publish(2, 2000, List.of(rendition("source", 10, HD), rendition("late", 10, SD)));

    assertThat(playlists.mediaPlaylist("source").orElseThrow()).contains("#EXT-X-TARGETDURATION:5\n",
        "#EXT-X-MEDIA-SEQUENCE:0\n", "#EXTINF:4.500,\nsource/1.ts");
    assertThat(playlists.mediaPlaylist("late").orElseThrow()).contains("#EXT-X-MEDIA-SEQUENCE:1\n");
  }

  @Test
  void refusesLateSegmentsAndEndsWithEndlist() {
    publish(5, 2000);
    assertThat(playlists.publish(5, 2000, List.of(rendition("source", 1, HD)))).isFalse();
    assertThat(playlists.publish(3, 2000, List.of(rendition("source", 1, HD)))).isFalse();
    playlists.end();
    assertThat(playlists.publish(6, 2000, List.of(rendition("source", 1, HD)))).isFalse();

    assertThat(playlists.mediaPlaylist("source").orElseThrow()).endsWith("source/5.ts\n#EXT-X-ENDLIST\n");
    assertThat(playlists.mediaPlaylist("nope")).isEmpty();
    assertThat(new StreamPlaylists("empty").masterPlaylist()).isEmpty();
  }

  @Test
  void staysConsistentUnderConcurrentPublishersAndReaders() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      Thread thread = new Thread(() -> {
        for (long seq = offset; seq < 2000; seq += 4) {
          playlists.publish(seq, 2000, List.of(rendition("source", 10, HD)));
          playlists.mediaPlaylist("source");
          playlists.masterPlaylist();
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    String media = playlists.mediaPlaylist("source").orElseThrow();
    assertThat(media.lines().filter(l -> l.startsWith("#EXTINF")).count()).isEqualTo(6);
  }
}
