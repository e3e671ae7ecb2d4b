package dev.lpnode.bench.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench end to end on a short clip cut into segments: CSV, tables and the ffmpeg comparison. */
class TranscodeBenchTest {
  @TempDir
  Path dir;

  private Path cutPlaylist() throws Exception {
    Path media = Path.of(System.getProperty("lpnode.testdata"), "transmux.ts");
    return SegmentCutter.cut(media, dir);
  }

  @Test
  void cuttingMakesTwoSecondSegmentsAndCachesThem() throws Exception {
    Path playlist = cutPlaylist();
    MediaPlaylist segments = MediaPlaylist.read(playlist);
    assertThat(segments.segments()).isNotEmpty();
    assertThat(segments.segments().get(0).durationSeconds()).isLessThanOrEqualTo(2.0);
    long modified = Files.getLastModifiedTime(playlist).toMillis();
    assertThat(SegmentCutter.cut(Path.of(System.getProperty("lpnode.testdata"), "transmux.ts"), dir)).isEqualTo(playlist);
    assertThat(Files.getLastModifiedTime(playlist).toMillis()).isEqualTo(modified);
  }

  @Test
  void printsLivepeerBenchOutputAndTheBaselineComparison() throws Exception {
    Path playlist = cutPlaylist();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TranscodeBench.run(new String[] {"-in", playlist.toString(), "-live=false",
        "-transcodingOptions", "P144p30fps16x9,P240p30fps16x9", "-concurrentSessions", "2",
        "-concurrentSessionDelay", "0", "-baseline", "ffmpeg", "-outPrefix", dir.resolve("out").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(stderr).isZero();

    int segments = MediaPlaylist.read(playlist).segments().size();
    List<String> lines = Arrays.asList(stdout.split("\\R"));
    assertThat(lines).containsSubsequence("# engine, repeat 1", "timestamp,session,segment,seg_dur,transcode_time,frames",
        "# ffmpeg, repeat 1", "timestamp,session,segment,seg_dur,transcode_time,frames");
    List<String> rows = lines.stream().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
    assertThat(rows).hasSize(2 * 2 * segments); // two sessions, engine and ffmpeg
    assertThat(rows).allSatisfy(row -> assertThat(row.split(",")).hasSize(6));
    assertThat(rows.get(0).split(",")[5]).isNotEqualTo("0");
    assertThat(stderr).contains("* Real-Time Duration Ratio *", "* Real-Time Segs Ratio *",
        "engine/ffmpeg throughput ratio: ", "median transcode time: engine", "CPU per second of video: engine");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("out_")).count())
          .as("engine and ffmpeg renditions written with -outPrefix").isEqualTo(2L * 2 * 2 * segments);
    }
  }

  @Test
  void pairedRunsEachSegmentThroughTheEngineAndFfmpeg() throws Exception {
    runPaired("engine", "ffmpeg", "-baseline", "ffmpeg");
  }

  @Test
  void pairedRunsEachSegmentInWorkerProcessesAndInProcessForEverySessionAtOnce() throws Exception {
    String stderr = runPaired("workers", "in-process", "-workers", "1", "-concurrentSessions", "2");
    assertThat(stderr).containsPattern("workers/in-process throughput ratio: [\\d.]+");
  }

  /** Runs a paired bench of two repeats and checks its CSV and summary; returns stderr. */
  private String runPaired(String first, String second, String... pair) throws Exception {
    Path playlist = cutPlaylist();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-in", playlist.toString(), "-live=false",
        "-transcodingOptions", "P144p30fps16x9", "-paired", "-repeat", "2"));
    args.addAll(List.of(pair));
    int status = TranscodeBench.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(stderr).isZero();

    int segments = MediaPlaylist.read(playlist).segments().size();
    List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\\R"));
    assertThat(lines.get(0)).isEqualTo("timestamp,segment,seg_dur," + first + "_time," + second + "_time");
    List<String> rows = lines.stream().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).toList();
    assertThat(rows).hasSize(2 * segments);
    assertThat(rows).allSatisfy(row -> {
      String[] fields = row.split(",");
      assertThat(fields).hasSize(5);
      assertThat(Double.parseDouble(fields[3])).isPositive();
      assertThat(Double.parseDouble(fields[4])).isPositive();
    });
    assertThat(stderr).containsPattern("paired latency over " + 2 * segments + " segments: median " + first
        + " [\\d.]+ s, " + second + " [\\d.]+ s \\(" + first + "/" + second + " [\\d.]+\\); median of per-segment "
        + "ratios [\\d.]+");
    return stderr;
  }

  @Test
  void pairedNeedsExactlyOnePair() throws Exception {
    Path playlist = cutPlaylist();
    for (List<String> flags : List.of(List.<String>of(), List.of("-baseline", "ffmpeg", "-workers", "1"))) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      List<String> args = new ArrayList<>(List.of("-in", playlist.toString(), "-live=false", "-paired"));
      args.addAll(flags);
      int status = TranscodeBench.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).as(String.join(" ", flags)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("-paired compares one pair: give -baseline ffmpeg or -workers N");
    }
  }

  @Test
  void badFlagsAreAClearError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TranscodeBench.run(new String[] {"-concurrentSessions"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("flag needs an argument: -concurrentSessions");
  }
}
