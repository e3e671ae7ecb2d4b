package dev.lpnode.transcoder.worker;

import dev.lpnode.transcoder.EngineSettings;
import dev.lpnode.transcoder.InProcessTranscoder;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker process: transcodes the segments its parent node sends on stdin and answers on stdout. Its
 * FFmpeg can crash or hang without taking the node down; the node kills and replaces it. It exits as
 * soon as its stdin closes, i.e. when the node exits or dies.
 *
 * <p>Arguments: {@code --slots N --preset P --nvenc-preset P --encoder-threads N --decoder-threads N
 * [--gpu N --session-cap N]}.
 */
public final class WorkerMain {
  private final DataOutputStream out;
  private final InProcessTranscoder transcoder;
  /** The segments being transcoded, by the node's id, so the node can stop them. */
  private final Map<Long, TranscodeRequest> running = new ConcurrentHashMap<>();

  private WorkerMain(DataOutputStream out, InProcessTranscoder transcoder) {
    this.out = out;
    this.transcoder = transcoder;
  }

  public static void main(String[] args) throws IOException {
    // stdout carries the protocol: anything a library prints goes to stderr instead.
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));

    InProcessTranscoder transcoder;
    try {
      Arguments arguments = Arguments.parse(args);
      transcoder = new InProcessTranscoder(arguments.settings(), arguments.slots());
    } catch (RuntimeException | LinkageError e) {
      out.writeByte(WorkerProtocol.FATAL);
      out.writeUTF(String.valueOf(e.getMessage()));
      out.flush();
      System.exit(2);
      return;
    }
    WorkerMain worker = new WorkerMain(out, transcoder);
    worker.send(o -> o.writeByte(WorkerProtocol.READY));
    worker.serve(in);
  }

  private void serve(DataInputStream in) {
    try {
      while (true) {
        byte type = in.readByte();
        switch (type) {
          case WorkerProtocol.TRANSCODE -> transcode(WorkerProtocol.readTranscode(in));
          case WorkerProtocol.END_SESSION -> transcoder.endSession(in.readUTF());
          case WorkerProtocol.CANCEL -> cancel(in.readLong());
          default -> throw new IOException("unknown message type " + type);
        }
      }
    } catch (EOFException e) {
      // The node closed our stdin: it is gone or shutting down.
    } catch (IOException e) {
      System.err.println("worker: broken pipe from the node: " + e);
    }
    // Halt, not exit: segments still running in native code need no orderly end.
    Runtime.getRuntime().halt(0);
  }

  private void transcode(WorkerProtocol.Transcode message) {
    running.put(message.id(), message.request());
    transcoder.transcode(message.request()).whenComplete((result, failure) -> {
      running.remove(message.id());
      if (failure == null) {
        send(o -> WorkerProtocol.writeResult(o, message.id(), result));
      } else {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        TranscodeException error = cause instanceof TranscodeException e
            ? e : new TranscodeException(TranscodeException.Kind.FFMPEG, String.valueOf(cause));
        send(o -> WorkerProtocol.writeError(o, message.id(), error));
      }
    });
  }

  private void cancel(long id) {
    TranscodeRequest request = running.get(id);
    if (request != null) {
      transcoder.cancel(request); // its ERROR (TranscoderStopped) follows once the engine let go of it
    }
  }

  private interface Write {
    void to(DataOutputStream out) throws IOException;
  }

  private void send(Write write) {
    synchronized (out) {
      try {
        write.to(out);
        out.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0); // the node is gone
      }
    }
  }

  /** The command line a node passes to a worker. */
  public record Arguments(EngineSettings settings, int slots) {
    public List<String> toArgs() {
      List<String> args = new ArrayList<>(List.of("--slots", Integer.toString(slots),
          "--preset", settings.x264Preset(), "--nvenc-preset", settings.nvencPreset(),
          "--encoder-threads", Integer.toString(settings.encoderThreads()),
          "--decoder-threads", Integer.toString(settings.decoderThreads()),
          "--session-cap", Integer.toString(settings.nvencSessionCap()),
          "--check-output", Boolean.toString(settings.checkOutput())));
      for (int gpu : settings.nvidiaDevices()) {
        args.addAll(List.of("--gpu", Integer.toString(gpu)));
      }
      return args;
    }

    public static Arguments parse(String[] args) {
      EngineSettings settings = EngineSettings.software();
      int slots = 1;
      List<Integer> gpus = new ArrayList<>();
      int sessionCap = settings.nvencSessionCap();
      String preset = settings.x264Preset();
      String nvencPreset = settings.nvencPreset();
      int encoderThreads = settings.encoderThreads();
      int decoderThreads = settings.decoderThreads();
      boolean checkOutput = settings.checkOutput();
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--slots" -> slots = Integer.parseInt(value);
          case "--preset" -> preset = value;
          case "--nvenc-preset" -> nvencPreset = value;
          case "--encoder-threads" -> encoderThreads = Integer.parseInt(value);
          case "--decoder-threads" -> decoderThreads = Integer.parseInt(value);
          case "--session-cap" -> sessionCap = Integer.parseInt(value);
          case "--gpu" -> gpus.add(Integer.parseInt(value));
          case "--check-output" -> checkOutput = Boolean.parseBoolean(value);
          default -> throw new IllegalArgumentException("unknown worker argument " + args[i]);
        }
      }
      return new Arguments(new EngineSettings(preset, nvencPreset, encoderThreads, decoderThreads, gpus, sessionCap,
          checkOutput), slots);
    }
  }
}
