package dev.lpnode.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the tags of an FLV file: what an RTMP publisher sends as audio, video and data messages. */
public final class FlvFile {
  public static final int AUDIO = 8;
  public static final int VIDEO = 9;
  public static final int SCRIPT = 18;

  /** One tag: its type, 32-bit timestamp in ms, and body. */
  public record Tag(int type, long timestamp, byte[] body) {}

  private FlvFile() {}

  public static List<Tag> read(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    if (b.length < 13 || b[0] != 'F' || b[1] != 'L' || b[2] != 'V') {
      throw new IOException(file + " is not an FLV file");
    }
    int pos = ((b[5] & 0xFF) << 24 | (b[6] & 0xFF) << 16 | (b[7] & 0xFF) << 8 | (b[8] & 0xFF)) + 4;
    List<Tag> tags = new ArrayList<>();
    while (pos + 11 <= b.length) {
      int type = b[pos] & 0x1F;
      int size = (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
      long ts = ((long) (b[pos + 7] & 0xFF) << 24) | (b[pos + 4] & 0xFF) << 16 | (b[pos + 5] & 0xFF) << 8
          | (b[pos + 6] & 0xFF);
      if (pos + 11 + size > b.length) {
        break;
      }
      tags.add(new Tag(type, ts, Arrays.copyOfRange(b, pos + 11, pos + 11 + size)));
      pos += 11 + size + 4;
    }
    return tags;
  }
}
