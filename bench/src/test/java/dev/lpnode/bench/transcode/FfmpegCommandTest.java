package dev.lpnode.bench.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.EngineSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {
  private static final List<VideoProfile> LADDER = LadderParser.parseJson("""
      [{"name":"240p0","fps":0,"bitrate":250000,"width":426,"height":240,"profile":"h264constrainedhigh","gop":"1"},
       {"name":"360p30","fps":30,"bitrate":800000,"width":640,"height":360,"profile":"h264main","gop":"2"}]
      """);

  @Test
  void everyRenditionGetsTheEnginesFilterEncoderAndRateControl() {
    List<String> args = FfmpegCommand.build("ffmpeg", "in.ts", 1920, 1080, LADDER,
        EngineSettings.software().withThreads(1, 1), List.of("a.ts", "b.ts"), FfmpegCommand.Stages.ALL);
    String line = String.join(" ", args);
    assertThat(line).startsWith("ffmpeg -hide_banner")
        .contains("-filter_threads 1 -threads 1 -i in.ts")
        .contains("-map 0:v:0 -vf scale=w=426:h=240:flags=bicubic,format=yuv420p -fps_mode passthrough -c:v libx264 "
            + "-threads 1 -b:v 250000 -minrate 250000 -maxrate 250000 -bufsize 250000 -bf 0 -preset:v veryfast "
            + "-forced-idr:v 1 -profile:v high -force_key_frames expr:gte(t,n_forced*1.0) -map 0:a:0? -c:a copy -f mpegts a.ts")
        .contains("-vf scale=w=640:h=360:flags=bicubic,format=yuv420p,fps=30/1 -fps_mode passthrough -c:v libx264 "
            + "-threads 1 -b:v 800000 -minrate 800000 -maxrate 800000 -bufsize 800000 -bf 3 -preset:v veryfast "
            + "-forced-idr:v 1 -profile:v main -g 60 -map 0:a:0? -c:a copy -f mpegts b.ts");
  }

  @Test
  void stagesStopEarlyIntoTheNullMuxer() {
    String decode = String.join(" ", FfmpegCommand.build("ffmpeg", "in.ts", 1920, 1080, LADDER,
        EngineSettings.software(), List.of("a", "b"), FfmpegCommand.Stages.DECODE));
    assertThat(decode).contains("-map 0:v:0 -f null -").doesNotContain("-vf").doesNotContain("libx264");
    String scale = String.join(" ", FfmpegCommand.build("ffmpeg", "in.ts", 1920, 1080, LADDER,
        EngineSettings.software(), List.of("a", "b"), FfmpegCommand.Stages.SCALE));
    assertThat(scale).contains("-fps_mode passthrough -f null -").doesNotContain("libx264");
  }
}
