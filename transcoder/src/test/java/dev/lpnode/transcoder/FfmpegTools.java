package dev.lpnode.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.transcoder.engine.FFmpeg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs shipped in the bytedeco jar: an independent check of
 * our outputs, and a generator of test inputs from lavfi sources.
 */
public final class FfmpegTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FfmpegTools() {}

  /** Runs ffmpeg with {@code args} (ending in an output to {@code pipe:1}) and returns its stdout. */
  public static byte[] ffmpeg(String... args) {
    List<String> command = new ArrayList<>(List.of(FFmpeg.programPath(), "-hide_banner", "-loglevel", "error", "-nostdin"));
    command.addAll(List.of(args));
    return run(command, null).stdout();
  }

  /** Generates a test input with lavfi, e.g. {@code generate("testsrc2=size=320x240:rate=30", 2, "mpegts")}. */
  public static byte[] generate(String source, double seconds, String format, String... extra) {
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", source, "-t", Double.toString(seconds)));
    args.addAll(List.of(extra));
    args.addAll(List.of("-f", format, "pipe:1"));
    return ffmpeg(args.toArray(String[]::new));
  }

  /** ffprobe's JSON view of media bytes: streams and every video frame's key flag and picture type. */
  public static JsonNode probe(byte[] media) {
    List<String> command = List.of(FFmpeg.probeProgramPath(), "-v", "error", "-of", "json", "-show_format",
        "-show_streams", "-show_entries", "frame=key_frame,pict_type,width,height,media_type", "-i", "pipe:0");
    try {
      return JSON.readTree(run(command, media).stdout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first stream of a type ("video", "audio") in an ffprobe result, or null. */
  public static JsonNode stream(JsonNode probe, String type) {
    for (JsonNode stream : probe.path("streams")) {
      if (type.equals(stream.path("codec_type").asText())) {
        return stream;
      }
    }
    return null;
  }

  /** Video frames of an ffprobe result, in decode output order. */
  public static List<JsonNode> videoFrames(JsonNode probe) {
    List<JsonNode> frames = new ArrayList<>();
    for (JsonNode frame : probe.path("frames")) {
      if ("video".equals(frame.path("media_type").asText())) {
        frames.add(frame);
      }
    }
    return frames;
  }

  /** Packets of one stream type. */
  public static int packetCount(byte[] media, String type) {
    List<String> command = List.of(FFmpeg.probeProgramPath(), "-v", "error", "-of", "csv=p=0", "-select_streams",
        type.substring(0, 1), "-count_packets", "-show_entries", "stream=nb_read_packets", "-i", "pipe:0");
    String out = new String(run(command, media).stdout()).trim();
    return out.isEmpty() ? 0 : Integer.parseInt(out.split("\\R")[0].replace(",", "").trim());
  }

  /**
   * The NAL unit type of the first coded slice of an H.264 file, from FFmpeg's {@code trace_headers}:
   * 5 is an IDR picture.
   */
  public static int firstSliceNalType(byte[] media) {
    List<String> command = List.of(FFmpeg.programPath(), "-hide_banner", "-nostdin", "-i", "pipe:0", "-map", "0:v",
        "-c", "copy", "-bsf:v", "trace_headers", "-frames:v", "1", "-f", "null", "-");
    for (String line : new String(run(command, media).stderr()).split("\\R")) {
      int at = line.indexOf("nal_unit_type");
      if (at >= 0) {
        int type = Integer.parseInt(line.substring(line.lastIndexOf('=') + 1).trim());
        if (type == 1 || type == 5) {
          return type;
        }
      }
    }
    throw new AssertionError("no coded slice found");
  }

  private record Output(byte[] stdout, byte[] stderr) {}

  private static Output run(List<String> command, byte[] stdin) {
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<byte[]> out = drain(process.getInputStream());
      CompletableFuture<byte[]> err = drain(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      } catch (IOException e) {
        // The program may stop reading early (e.g. -frames:v 1); that is fine.
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      Output output = new Output(out.join(), err.join());
      if (process.exitValue() != 0) {
        throw new AssertionError("exit " + process.exitValue() + " from " + command + ": " + new String(output.stderr()));
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Reads a stream to its end on a thread of its own (a shared pool could deadlock on stdout vs stderr). */
  private static CompletableFuture<byte[]> drain(InputStream stream) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.transferTo(out);
        result.complete(out.toByteArray());
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }, "ffmpeg-tools-drain");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}
