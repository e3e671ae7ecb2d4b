package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Mp4FastStartTest {
  private static byte[] box(String type, byte[]... children) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] child : children) {
      body.writeBytes(child);
    }
    ByteBuffer box = ByteBuffer.allocate(8 + body.size());
    box.putInt(8 + body.size()).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body.toByteArray());
    return box.array();
  }

  private static byte[] stco(int... offsets) {
    ByteBuffer body = ByteBuffer.allocate(8 + 4 * offsets.length);
    body.putInt(0).putInt(offsets.length);
    for (int offset : offsets) {
      body.putInt(offset);
    }
    return box("stco", body.array());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void movesMoovBeforeMdatAndShiftsChunkOffsets() {
    byte[] ftyp = box("ftyp", new byte[8]);
    byte[] mdat = box("mdat", new byte[100]);
    byte[] moov = box("moov", box("trak", box("mdia", box("minf", box("stbl", stco(ftyp.length + 8, ftyp.length + 58))))));
    byte[] file = concat(ftyp, mdat, moov);

    byte[] fast = Mp4FastStart.apply(file);

    assertThat(fast).hasSameSizeAs(file);
    assertThat(new String(fast, ftyp.length + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moov");
    assertThat(new String(fast, ftyp.length + moov.length + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("mdat");
    ByteBuffer out = ByteBuffer.wrap(fast);
    int stcoAt = ftyp.length + moov.length - 16; // last box in moov: stco with two entries
    assertThat(out.getInt(stcoAt + 8)).isEqualTo(ftyp.length + 8 + moov.length);
    assertThat(out.getInt(stcoAt + 12)).isEqualTo(ftyp.length + 58 + moov.length);
  }

  @Test
  void leavesAFileAloneWhenMoovIsAlreadyFirst() {
    byte[] file = concat(box("ftyp", new byte[8]), box("moov"), box("mdat", new byte[10]));
    assertThat(Mp4FastStart.apply(file)).isSameAs(file);
  }
}
