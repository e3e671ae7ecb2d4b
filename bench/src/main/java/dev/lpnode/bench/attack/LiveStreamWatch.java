package dev.lpnode.bench.attack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the demo's live stream from outside: polls its source media playlist every second and
 * keeps every sequence number it lists. A failed segment is never listed, so a gap in the numbers
 * is a segment the stream lost; a publisher that was dropped and came back starts a new stream,
 * whose playlist's media sequence starts again (counted as a restart).
 */
final class LiveStreamWatch implements AutoCloseable {
  private static final Pattern SEGMENT = Pattern.compile("source/(\\d+)\\.ts");
  private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

  /** What the stream listed between two marks. */
  record Window(int listed, int lost, int restarts) {}

  /** A point in the stream's history. */
  record Mark(long highestSeq, int restarts, int listedCount) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI playlist;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "live-stream-watch");
    t.setDaemon(true);
    return t;
  });
  private final Set<Long> listed = new TreeSet<>();
  private long highest = -1;
  private long mediaSequence = -1;
  private int restarts;
  private int listedCount;

  LiveStreamWatch(int httpPort) {
    this.playlist = URI.create("http://127.0.0.1:" + httpPort + "/stream/demo/source.m3u8");
    poller.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
  }

  private void poll() {
    try {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(playlist).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 200) {
        record(res.body());
      }
    } catch (IOException e) {
      // the node is busy or gone: the gap shows later
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void record(String mediaPlaylist) {
    Matcher sequence = MEDIA_SEQUENCE.matcher(mediaPlaylist);
    long first = sequence.find() ? Long.parseLong(sequence.group(1)) : mediaSequence;
    if (first < mediaSequence) { // a new stream under the same name: its numbers start again
      restarts++;
      listed.clear();
      highest = -1;
    }
    mediaSequence = first;
    Matcher m = SEGMENT.matcher(mediaPlaylist);
    while (m.find()) {
      long seq = Long.parseLong(m.group(1));
      if (listed.add(seq)) {
        listedCount++;
        highest = Math.max(highest, seq);
      }
    }
  }

  synchronized Mark mark() {
    return new Mark(highest, restarts, listedCount);
  }

  /** Segments listed and lost (gaps) after {@code from}, up to the highest listed now. */
  synchronized Window since(Mark from) {
    int newRestarts = restarts - from.restarts();
    long start = newRestarts > 0 ? -1 : from.highestSeq();
    int lost = 0;
    for (long seq = start + 1; seq <= highest; seq++) {
      if (!listed.contains(seq)) {
        lost++;
      }
    }
    return new Window(listedCount - from.listedCount(), lost, newRestarts);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
