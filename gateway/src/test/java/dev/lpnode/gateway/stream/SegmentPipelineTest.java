package dev.lpnode.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.ingest.StreamConfig;
import dev.lpnode.gateway.media.MediaInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentPipelineTest {
  private final Vertx vertx = Vertx.vertx();
  private final Map<Long, Promise<List<Rendition>>> waiting = new ConcurrentHashMap<>();
  private final StreamRegistry registry = new StreamRegistry(4, Duration.ofSeconds(60), Duration.ofSeconds(60),
      System::nanoTime);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private SegmentPipeline pipeline(int maxInFlight, long timeoutMs) {
    return new SegmentPipeline(vertx, segment -> {
      Promise<List<Rendition>> p = Promise.promise();
      waiting.put(segment.seq(), p);
      return p.future();
    }, maxInFlight, timeoutMs, System::nanoTime);
  }

  private static SourceSegment segment(StreamConfig config, long seq) {
    return new SourceSegment(config, seq, new byte[] {(byte) seq}, 2000, VideoProfile.Format.MPEGTS, MediaInfo.NONE,
        "h264", false);
  }

  private static Rendition rendition(String name, long seq) {
    return new Rendition(name, new byte[] {(byte) seq, 1}, VideoProfile.Format.MPEGTS, MediaInfo.NONE);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void listsSegmentsInTheOrderTheyCameWhateverOrderTheyFinish() throws Exception {
    SegmentPipeline pipeline = pipeline(8, 10_000);
    LiveStream stream = registry.openRtmp(new StreamConfig("s", List.of()));
    Future<List<Rendition>> f0 = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 0)), System.nanoTime());
    Future<List<Rendition>> f1 = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 1)), System.nanoTime());
    Future<List<Rendition>> f2 = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 2)), System.nanoTime());

    waiting.get(2L).complete(List.of(rendition("P240", 2)));
    waiting.get(1L).fail(new SegmentException(SegmentException.Kind.NON_RETRYABLE, "No keyframes in input"));
    assertThat(await(f2)).extracting(Rendition::name).containsExactly("P240");
    assertThat(stream.playlists().masterPlaylist()).isEmpty(); // segment 0 is still out
    waiting.get(0L).complete(List.of(rendition("P240", 0)));
    await(f0);

    assertThat(stream.playlists().renditions()).containsExactly("source", "P240");
    assertThat(stream.playlists().mediaPlaylist("P240").orElseThrow()).contains("P240/0.ts\n#EXTINF:2.000,\nP240/2.ts");
    assertThat(f1.cause()).isInstanceOf(SegmentException.class);
    IngestStats.Snapshot stats = pipeline.stats().snapshot();
    assertThat(stats.received()).isEqualTo(3);
    assertThat(stats.published()).isEqualTo(2);
    assertThat(stats.failed()).isEqualTo(1);
  }

  @Test
  void aRenditionNamedSourceIsTheSourceNotASecondCopy() throws Exception {
    SegmentPipeline pipeline = pipeline(8, 10_000);
    LiveStream stream = registry.openRtmp(new StreamConfig("s", List.of()));
    Future<List<Rendition>> f = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 0)), System.nanoTime());
    waiting.get(0L).complete(List.of(rendition(Rendition.SOURCE, 0)));
    await(f);
    assertThat(stream.playlists().renditions()).containsExactly("source");
  }

  @Test
  void failsASegmentTheProcessorNeverAnswersAndKeepsGoing() throws Exception {
    SegmentPipeline pipeline = pipeline(8, 300);
    LiveStream stream = registry.openRtmp(new StreamConfig("s", List.of()));
    SourceSegment short0 = new SourceSegment(stream.config(), 0, new byte[1], 50, VideoProfile.Format.MPEGTS,
        MediaInfo.NONE, "h264", false);
    Future<List<Rendition>> stalled = pipeline.submit(stream, Future.succeededFuture(short0), System.nanoTime());
    Future<List<Rendition>> next = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 1)), System.nanoTime());
    waiting.get(1L).complete(List.of());

    await(next);
    assertThat(stalled.toCompletionStage().toCompletableFuture()).failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class).withMessageContaining("not processed within 300 ms");
    assertThat(stream.playlists().mediaPlaylist("source").orElseThrow()).contains("source/1.ts").doesNotContain("source/0.ts");
  }

  @Test
  void refusesSegmentsBeyondTheInFlightLimit() throws Exception {
    SegmentPipeline pipeline = pipeline(2, 10_000);
    LiveStream stream = registry.openRtmp(new StreamConfig("s", List.of()));
    pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 0)), System.nanoTime());
    pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 1)), System.nanoTime());
    Future<List<Rendition>> third = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 2)), System.nanoTime());

    assertThat(third.failed()).isTrue();
    assertThat(third.cause()).hasMessageContaining("too many segments in flight");
    assertThat(pipeline.stats().snapshot().dropped()).isEqualTo(1);
  }

  @Test
  void anEndedStreamStillListsWhatWasInFlightThenCloses() throws Exception {
    SegmentPipeline pipeline = pipeline(8, 10_000);
    LiveStream stream = registry.openRtmp(new StreamConfig("s", List.of()));
    Future<List<Rendition>> last = pipeline.submit(stream, Future.succeededFuture(segment(stream.config(), 0)), System.nanoTime());
    registry.end(stream);
    assertThat(stream.playlists().ended()).isFalse();

    waiting.get(0L).complete(List.of());
    await(last);
    assertThat(stream.playlists().ended()).isTrue();
    assertThat(stream.playlists().mediaPlaylist("source").orElseThrow()).contains("source/0.ts\n#EXT-X-ENDLIST");
  }
}
