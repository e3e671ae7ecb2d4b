package dev.lpnode.transcoder.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves an MP4's {@code moov} box in front of its media data ("faststart") and shifts the chunk
 * offsets accordingly. FFmpeg's {@code movflags=faststart} cannot be used with an in-memory output: it
 * re-opens the output file by name to read it back.
 */
final class Mp4FastStart {
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

  private record Box(String type, int offset, int size) {}

  private Mp4FastStart() {}

  static byte[] apply(byte[] file) {
    List<Box> boxes = boxes(file, 0, file.length);
    Box moov = null;
    int firstMdat = -1;
    for (int i = 0; i < boxes.size(); i++) {
      Box box = boxes.get(i);
      if (box.type().equals("moov")) {
        moov = box;
      } else if (box.type().equals("mdat") && firstMdat < 0) {
        firstMdat = i;
      }
    }
    if (moov == null || firstMdat < 0 || moov.offset() < boxes.get(firstMdat).offset()) {
      return file;
    }
    byte[] moved = new byte[moov.size()];
    System.arraycopy(file, moov.offset(), moved, 0, moov.size());
    shiftChunkOffsets(ByteBuffer.wrap(moved), 0, moved.length, moov.size());

    byte[] out = new byte[file.length];
    int insertAt = boxes.get(firstMdat).offset();
    System.arraycopy(file, 0, out, 0, insertAt);
    System.arraycopy(moved, 0, out, insertAt, moved.length);
    int position = insertAt + moved.length;
    for (Box box : boxes.subList(firstMdat, boxes.size())) {
      if (box != moov) {
        System.arraycopy(file, box.offset(), out, position, box.size());
        position += box.size();
      }
    }
    return out;
  }

  private static List<Box> boxes(byte[] data, int from, int to) {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    List<Box> boxes = new ArrayList<>();
    int offset = from;
    while (offset + 8 <= to) {
      long size = Integer.toUnsignedLong(buffer.getInt(offset));
      String type = new String(data, offset + 4, 4, StandardCharsets.ISO_8859_1);
      if (size == 1) {
        size = buffer.getLong(offset + 8);
      } else if (size == 0) {
        size = to - offset;
      }
      if (size < 8 || offset + size > to) {
        throw new IllegalStateException("malformed MP4 box '" + type + "' at " + offset);
      }
      boxes.add(new Box(type, offset, (int) size));
      offset += (int) size;
    }
    return boxes;
  }

  private static void shiftChunkOffsets(ByteBuffer moov, int from, int to, int shift) {
    for (Box box : boxes(moov.array(), from, to)) {
      int body = box.offset() + 8;
      if (CONTAINERS.contains(box.type())) {
        shiftChunkOffsets(moov, body, box.offset() + box.size(), shift);
      } else if (box.type().equals("stco")) {
        int count = moov.getInt(body + 4);
        for (int i = 0; i < count; i++) {
          int at = body + 8 + 4 * i;
          long shifted = Integer.toUnsignedLong(moov.getInt(at)) + shift;
          if (shifted > 0xFFFFFFFFL) {
            throw new IllegalStateException("MP4 too large for 32-bit chunk offsets");
          }
          moov.putInt(at, (int) shifted);
        }
      } else if (box.type().equals("co64")) {
        int count = moov.getInt(body + 4);
        for (int i = 0; i < count; i++) {
          int at = body + 8 + 8 * i;
          moov.putLong(at, moov.getLong(at) + shift);
        }
      }
    }
  }
}
