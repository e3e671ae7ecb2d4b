package dev.lpnode.transcoder;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places stream sessions on workers (a session stays on its worker), runs their segments within each
 * worker's budget, and runs a segment once more on another worker when its worker died or hung.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Where segments run: a supervised worker process, or this JVM. */
  interface Worker {
    /** Starts a segment now; the future fails with {@link WorkerLostException} if the worker is lost. */
    CompletableFuture<TranscodeResult> run(TranscodeRequest request);

    void endSession(String sessionId);
  }

  /** The worker died or was killed while it held the segment; the segment itself may be fine. */
  static final class WorkerLostException extends RuntimeException {
    private final TranscodeException.Kind kind;

    WorkerLostException(TranscodeException.Kind kind, String detail) {
      super(detail);
      this.kind = kind;
    }

    TranscodeException toTranscodeException() {
      return new TranscodeException(kind);
    }
  }

  /** One worker's place in the pool; the pool replaces the worker behind it when it is lost. */
  static final class Slot {
    private final String name;
    private final SessionScheduler<Job> scheduler;
    private volatile Worker worker;

    Slot(String name, int budget, Dispatcher dispatcher) {
      this.name = name;
      this.scheduler = new SessionScheduler<>(budget, job -> dispatcher.start(this, job));
    }

    void worker(Worker worker) {
      this.worker = worker;
    }

    Worker worker() {
      return worker;
    }

    String name() {
      return name;
    }

    int budget() {
      return scheduler.budget();
    }
  }

  /** A segment on its way through the pool. */
  static final class Job implements SessionScheduler.Job {
    private final TranscodeRequest request;
    private final int cost;
    private final CompletableFuture<TranscodeResult> result = new CompletableFuture<>();
    private int attempts;

    Job(TranscodeRequest request, int cost) {
      this.request = request;
      this.cost = cost;
    }

    @Override
    public String sessionId() {
      return request.sessionId();
    }

    @Override
    public int cost() {
      return cost;
    }
  }

  private final ToIntFunction<TranscodeRequest> cost;
  /** Callers' continuations run here, never on a worker's reader thread or a segment thread. */
  private final ExecutorService results = Executors.newCachedThreadPool(InProcessWorker.daemon("lpnode-transcode-result"));
  private final Map<String, Slot> placement = new ConcurrentHashMap<>();
  private List<Slot> slots = List.of();
  private volatile boolean closed;

  /** @param cost budget units a segment takes on its worker (1, or its NVENC sessions) */
  Dispatcher(ToIntFunction<TranscodeRequest> cost) {
    this.cost = cost;
  }

  Slot addSlot(String name, int budget) {
    Slot slot = new Slot(name, budget, this);
    slots = java.util.stream.Stream.concat(slots.stream(), java.util.stream.Stream.of(slot)).toList();
    return slot;
  }

  List<Slot> slots() {
    return slots;
  }

  int capacity() {
    return slots.stream().mapToInt(Slot::budget).sum();
  }

  CompletableFuture<TranscodeResult> submit(TranscodeRequest request) {
    Job job = new Job(request, cost.applyAsInt(request));
    if (closed) {
      job.result.completeExceptionally(new TranscodeException(TranscodeException.Kind.STOPPED));
    } else if (slots.stream().noneMatch(s -> s.budget() >= job.cost)) {
      job.result.completeExceptionally(new TranscodeException(TranscodeException.Kind.BUSY));
    } else {
      placement.computeIfAbsent(request.sessionId(), id -> leastLoaded(null, job.cost)).scheduler.submit(job);
    }
    return job.result;
  }

  void endSession(String sessionId) {
    Slot slot = placement.remove(sessionId);
    if (slot != null && slot.worker != null) {
      slot.worker.endSession(sessionId);
    }
  }

  /** Fails everything that is still queued; running segments finish or fail with their workers. */
  void close() {
    closed = true;
    for (Slot slot : slots) {
      slot.scheduler.takeWaiting().forEach(job ->
          job.result.completeExceptionally(new TranscodeException(TranscodeException.Kind.STOPPED)));
    }
    results.shutdown();
  }

  private void start(Slot slot, Job job) {
    CompletableFuture<TranscodeResult> running;
    try {
      running = slot.worker.run(job.request);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete((result, failure) -> {
      slot.scheduler.finished(job);
      if (failure == null) {
        deliver(() -> job.result.complete(result));
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof WorkerLostException lost) {
        retryOrFail(slot, job, lost);
      } else if (cause instanceof TranscodeException e) {
        fail(job, e);
      } else {
        fail(job, new TranscodeException(TranscodeException.Kind.FFMPEG, String.valueOf(cause)));
      }
    });
  }

  private void fail(Job job, TranscodeException error) {
    deliver(() -> job.result.completeExceptionally(error));
  }

  private void deliver(Runnable completion) {
    try {
      results.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run(); // closed while the segment ran
    }
  }

  private void retryOrFail(Slot slot, Job job, WorkerLostException lost) {
    TranscodeRequest request = job.request;
    if (job.attempts++ > 0 || closed) {
      LOG.warn("segment {}/{} lost its worker twice ({}); giving up", request.sessionId(), request.seq(), lost.getMessage());
      fail(job, lost.toTranscodeException());
      return;
    }
    Slot next = leastLoaded(slot, job.cost);
    LOG.warn("segment {}/{} lost its worker {} ({}); retrying on {}", request.sessionId(), request.seq(), slot.name,
        lost.getMessage(), next.name);
    placement.replace(request.sessionId(), slot, next);
    next.scheduler.submit(job);
  }

  /** The slot with the least queued work that can take {@code cost}, preferring any other than {@code avoid}. */
  private Slot leastLoaded(Slot avoid, int cost) {
    return slots.stream()
        .filter(s -> s.budget() >= cost)
        .min(Comparator.comparing((Slot s) -> s == avoid && slots.size() > 1)
            .thenComparingInt(s -> s.scheduler.load() * 1000 / s.budget()))
        .orElseThrow();
  }
}
