package dev.lpnode.transcoder.worker;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The framed messages between the node and a worker process, over the worker's stdin and stdout. Each
 * message is a type byte and its fields ({@link DataOutputStream} encoding); byte arrays are
 * length-prefixed. Both ends are built from this class, so the format needs no version.
 */
public final class WorkerProtocol {
  /** Node to worker: transcode a segment. */
  public static final byte TRANSCODE = 1;
  /** Node to worker: a session ended. */
  public static final byte END_SESSION = 2;
  /** Node to worker: stop a segment the node no longer waits for. */
  public static final byte CANCEL = 3;
  /** Worker to node: initialised, accepting segments. */
  public static final byte READY = 10;
  /** Worker to node: a segment's renditions. */
  public static final byte RESULT = 11;
  /** Worker to node: a segment failed. */
  public static final byte ERROR = 12;
  /** Worker to node: cannot start (e.g. no usable GPU); it exits next. */
  public static final byte FATAL = 13;

  private WorkerProtocol() {}

  /** A transcode request as the worker receives it. */
  public record Transcode(long id, TranscodeRequest request) {}

  public static void writeTranscode(DataOutputStream out, long id, TranscodeRequest request) throws IOException {
    out.writeByte(TRANSCODE);
    out.writeLong(id);
    out.writeUTF(request.sessionId());
    out.writeLong(request.seq());
    out.writeLong(request.durationMs());
    out.writeLong(request.timeout().toMillis());
    out.writeBoolean(request.checkOutput());
    out.writeInt(request.profiles().size());
    for (VideoProfile profile : request.profiles()) {
      writeProfile(out, profile);
    }
    writeBytes(out, request.segment());
  }

  /** Reads the fields of a {@link #TRANSCODE} message (its type byte already read). */
  public static Transcode readTranscode(DataInputStream in) throws IOException {
    long id = in.readLong();
    String sessionId = in.readUTF();
    long seq = in.readLong();
    long durationMs = in.readLong();
    Duration timeout = Duration.ofMillis(in.readLong());
    boolean checkOutput = in.readBoolean();
    int count = in.readInt();
    List<VideoProfile> profiles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      profiles.add(readProfile(in));
    }
    return new Transcode(id, new TranscodeRequest(sessionId, seq, readBytes(in), durationMs, profiles, timeout,
        checkOutput));
  }

  public static void writeCancel(DataOutputStream out, long id) throws IOException {
    out.writeByte(CANCEL);
    out.writeLong(id);
  }

  public static void writeEndSession(DataOutputStream out, String sessionId) throws IOException {
    out.writeByte(END_SESSION);
    out.writeUTF(sessionId);
  }

  public static void writeResult(DataOutputStream out, long id, TranscodeResult result) throws IOException {
    out.writeByte(RESULT);
    out.writeLong(id);
    out.writeLong(result.decodedFrames());
    out.writeLong(result.decodedPixels());
    out.writeInt(result.renditions().size());
    for (Rendition rendition : result.renditions()) {
      out.writeInt(rendition.width());
      out.writeInt(rendition.height());
      out.writeLong(rendition.frames());
      out.writeLong(rendition.pixels());
      writeBytes(out, rendition.data());
    }
  }

  /** Reads the fields of a {@link #RESULT} after its id; renditions are matched to the request's profiles. */
  public static TranscodeResult readResult(DataInputStream in, List<VideoProfile> profiles) throws IOException {
    long decodedFrames = in.readLong();
    long decodedPixels = in.readLong();
    int count = in.readInt();
    List<Rendition> renditions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      renditions.add(new Rendition(profiles.get(i), in.readInt(), in.readInt(), in.readLong(), in.readLong(), readBytes(in)));
    }
    return new TranscodeResult(renditions, decodedFrames, decodedPixels);
  }

  public static void writeError(DataOutputStream out, long id, TranscodeException error) throws IOException {
    out.writeByte(ERROR);
    out.writeLong(id);
    out.writeUTF(error.kind().name());
    out.writeUTF(error.getMessage());
  }

  /** Reads the fields of an {@link #ERROR} after its id. */
  public static TranscodeException readError(DataInputStream in) throws IOException {
    TranscodeException.Kind kind = TranscodeException.Kind.valueOf(in.readUTF());
    return new TranscodeException(kind, in.readUTF());
  }

  private static void writeProfile(DataOutputStream out, VideoProfile p) throws IOException {
    out.writeUTF(p.name());
    out.writeInt(p.width());
    out.writeInt(p.height());
    out.writeInt(p.bitrate());
    out.writeInt(p.fps());
    out.writeInt(p.fpsDen());
    out.writeUTF(p.format().name());
    out.writeUTF(p.profile().name());
    out.writeInt(p.gopMs());
    out.writeUTF(p.codec().name());
    out.writeInt(p.quality());
  }

  private static VideoProfile readProfile(DataInputStream in) throws IOException {
    return new VideoProfile(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
        VideoProfile.Format.valueOf(in.readUTF()), VideoProfile.H264Profile.valueOf(in.readUTF()), in.readInt(),
        VideoProfile.VideoCodec.valueOf(in.readUTF()), in.readInt());
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
