package dev.lpnode.transcoder;

import dev.lpnode.transcoder.worker.WorkerMain;
import dev.lpnode.transcoder.worker.WorkerProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's handle on one worker process (a child JVM running {@link WorkerMain}): sends segments
 * without blocking the caller, matches answers to requests, passes on requests to stop a segment and
 * kills the process when it does not stop one within the grace period (it is stuck in native code) or
 * reports an unrecoverable GPU error, and fails its in-flight segments with {@link
 * Dispatcher.WorkerLostException} when the process is gone, after telling its owner.
 */
final class WorkerProcess implements Dispatcher.Worker {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
  private static final AtomicLong IDS = new AtomicLong();

  private static final class Pending {
    final TranscodeRequest request;
    final CompletableFuture<TranscodeResult> result = new CompletableFuture<>();
    /** Set once the segment was asked to stop: kills the worker if it does not. */
    volatile ScheduledFuture<?> watchdog;

    Pending(TranscodeRequest request) {
      this.request = request;
    }

    void done() {
      ScheduledFuture<?> w = watchdog;
      if (w != null) {
        w.cancel(false);
      }
    }
  }

  private final String name;
  private final Process process;
  private final PoolSettings pool;
  private final ScheduledExecutorService timers;
  private final Consumer<WorkerProcess> onLost;
  private final DataOutputStream stdin;
  private final BlockingQueue<WorkerWrite> outbox = new LinkedBlockingQueue<>();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean lost;
  /** Whether the process ever became ready: segments lost on one that never did had not started. */
  private volatile boolean wasReady;

  private interface WorkerWrite {
    void to(DataOutputStream out) throws IOException;
  }

  private WorkerProcess(String name, Process process, PoolSettings pool, ScheduledExecutorService timers,
      Consumer<WorkerProcess> onLost) {
    this.name = name;
    this.process = process;
    this.pool = pool;
    this.timers = timers;
    this.onLost = onLost;
    this.stdin = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
  }

  /**
   * Starts a worker JVM with this JVM's java binary and class path.
   *
   * @param onLost called once, before in-flight segments fail, when the process dies or is killed
   */
  static WorkerProcess start(String name, WorkerMain.Arguments arguments, PoolSettings pool,
      ScheduledExecutorService timers, Consumer<WorkerProcess> onLost) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(pool.workerJvmOptions());
    command.addAll(List.of("-XX:+ExitOnOutOfMemoryError",
        "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "lpnode-worker-hs_err_%p.log"),
        // Native FFmpeg memory is freed explicitly; JavaCPP must not cap it or call the GC for it.
        "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.bytedeco.javacpp.maxBytes=0"));
    for (String property : List.of("org.bytedeco.javacpp.platform.extension", "org.bytedeco.javacpp.cachedir",
        "lpnode.ffmpeg.loglevel")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
    command.addAll(arguments.toArgs());
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a transcoder worker process: " + e.getMessage(), e);
    }
    WorkerProcess worker = new WorkerProcess(name, process, pool, timers, onLost);
    worker.thread("writer", worker::writeLoop);
    worker.thread("reader", worker::readLoop);
    worker.thread("stderr", worker::logLoop);
    process.onExit().thenRun(() -> worker.lose(TranscodeException.Kind.WORKER_CRASHED, worker.exitReason()));
    return worker;
  }

  private void thread(String role, Runnable body) {
    Thread thread = new Thread(body, "lpnode-" + name + "-" + role);
    thread.setDaemon(true);
    thread.start();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** Completes when the worker is ready; fails with its start-up error (e.g. no usable GPU). */
  CompletableFuture<Void> ready() {
    return ready;
  }

  boolean isLost() {
    return lost;
  }

  @Override
  public CompletableFuture<TranscodeResult> run(TranscodeRequest request) {
    long id = IDS.incrementAndGet();
    Pending p = new Pending(request);
    pending.put(id, p);
    if (lost) {
      failPending(TranscodeException.Kind.WORKER_CRASHED, "worker " + name + " is down");
    } else {
      outbox.add(out -> WorkerProtocol.writeTranscode(out, id, request));
    }
    return p.result;
  }

  @Override
  public void cancel(TranscodeRequest request) {
    pending.forEach((id, p) -> {
      if (p.request == request && p.watchdog == null) {
        long graceMs = pool.stopGrace().toMillis();
        p.watchdog = timers.schedule(() -> lose(TranscodeException.Kind.TIMEOUT, "segment " + request.sessionId() + "/"
            + request.seq() + " did not stop within " + graceMs + " ms of being asked to"), graceMs, TimeUnit.MILLISECONDS);
        outbox.add(out -> WorkerProtocol.writeCancel(out, id));
      }
    });
  }

  @Override
  public void endSession(String sessionId) {
    if (!lost) {
      outbox.add(out -> WorkerProtocol.writeEndSession(out, sessionId));
    }
  }

  /** Asks the worker to exit (closing its stdin) and kills it if it has not after a grace period. */
  void stop() {
    lost = true;
    outbox.add(out -> out.close());
    process.onExit().completeOnTimeout(null, 2, TimeUnit.SECONDS).thenRun(process::destroyForcibly);
  }

  /** Kills the process and fails what it held; the first reason given wins. */
  private void lose(TranscodeException.Kind kind, String reason) {
    synchronized (this) {
      if (lost && pending.isEmpty()) {
        return;
      }
      boolean first = !lost;
      lost = true;
      process.destroyForcibly();
      if (first) {
        LOG.warn("transcoder worker {} (pid {}) lost: {}", name, process.pid(), reason);
        ready.completeExceptionally(new IllegalStateException("transcoder worker " + name + " " + reason));
        onLost.accept(this);
      }
    }
    failPending(kind, reason);
  }

  private void failPending(TranscodeException.Kind kind, String reason) {
    for (Long id : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.done();
        p.result.completeExceptionally(new Dispatcher.WorkerLostException(kind, name + ": " + reason, wasReady));
      }
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        WorkerWrite write = outbox.take();
        write.to(stdin);
        stdin.flush();
      }
    } catch (IOException | InterruptedException e) {
      lose(TranscodeException.Kind.WORKER_CRASHED, "cannot write to it: " + e.getMessage());
    }
  }

  private void readLoop() {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
      while (true) {
        byte type = in.readByte();
        switch (type) {
          case WorkerProtocol.READY -> {
            wasReady = true;
            ready.complete(null);
          }
          case WorkerProtocol.FATAL -> {
            String message = in.readUTF();
            ready.completeExceptionally(new IllegalStateException(message));
            lose(TranscodeException.Kind.WORKER_CRASHED, "failed to start: " + message);
          }
          case WorkerProtocol.RESULT -> {
            long id = in.readLong();
            Pending p = pending.get(id);
            if (p == null) {
              return; // only after the worker was lost: it is being killed
            }
            complete(id, p, WorkerProtocol.readResult(in, p.request.profiles()), null);
          }
          case WorkerProtocol.ERROR -> {
            long id = in.readLong();
            TranscodeException error = WorkerProtocol.readError(in);
            if (error.kind() == TranscodeException.Kind.UNRECOVERABLE) {
              // The GPU context of this process is poisoned: replace the process, retry the segment.
              lose(TranscodeException.Kind.UNRECOVERABLE, "unrecoverable GPU error");
            } else {
              complete(id, pending.get(id), null, error);
            }
          }
          default -> throw new IOException("unknown message type " + type);
        }
      }
    } catch (IOException e) {
      lose(TranscodeException.Kind.WORKER_CRASHED, exitReason());
    }
  }

  private String exitReason() {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        return "exited with status " + process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "closed its output";
  }

  private void complete(long id, Pending p, TranscodeResult result, TranscodeException error) {
    if (p == null || !pending.remove(id, p)) {
      return; // already failed with the worker
    }
    p.done();
    if (error == null) {
      p.result.complete(result);
    } else {
      p.result.completeExceptionally(error);
    }
  }

  private void logLoop() {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        LOG.info("[{}] {}", name, line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }
}
