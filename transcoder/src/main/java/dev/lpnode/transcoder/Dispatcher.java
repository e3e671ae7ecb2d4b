package dev.lpnode.transcoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places stream sessions on workers (a session stays on its worker), runs their segments within each
 * worker's budget, and runs a segment once more on another worker when its worker died or was killed
 * under it. A segment past its deadline, or given up by its caller, is stopped wherever it is and
 * never runs again; segments that find their worker down wait for its replacement, within their
 * own deadlines.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Where segments run: a supervised worker process, or this JVM. */
  interface Worker {
    /**
     * Starts a segment now. The future completes when nothing of the segment runs any more; it fails
     * with {@link WorkerLostException} if the worker is lost (or already was).
     */
    CompletableFuture<TranscodeResult> run(TranscodeRequest request);

    /** Asks the worker to stop a segment it runs, as soon as it can; its future then fails or completes. */
    void cancel(TranscodeRequest request);

    void endSession(String sessionId);
  }

  /** The worker died or was killed while it held the segment; the segment itself may be fine. */
  static final class WorkerLostException extends RuntimeException {
    private final TranscodeException.Kind kind;
    private final boolean started;

    /** @param started whether the worker could have begun the segment (it had become ready) */
    WorkerLostException(TranscodeException.Kind kind, String detail, boolean started) {
      super(detail);
      this.kind = kind;
      this.started = started;
    }

    TranscodeException toTranscodeException() {
      return new TranscodeException(kind);
    }
  }

  /** One worker's place in the pool; the pool replaces the worker behind it when it is lost. */
  static final class Slot {
    private final String name;
    private final SessionScheduler<Job> scheduler;
    private final Dispatcher dispatcher;
    /** Jobs the scheduler started while the slot had no worker: they run on the next one. */
    private final List<Job> parked = new ArrayList<>();
    private volatile Worker worker;

    Slot(String name, int budget, Dispatcher dispatcher) {
      this.name = name;
      this.dispatcher = dispatcher;
      this.scheduler = new SessionScheduler<>(budget, job -> dispatcher.start(this, job));
    }

    /** Sets the worker behind the slot, or none while it is replaced; parked jobs start on a new one. */
    void worker(Worker next) {
      synchronized (this) {
        worker = next;
      }
      if (next != null) {
        takeParked().forEach(job -> dispatcher.start(this, job));
      }
    }

    /** The worker, or null after parking {@code job} for the next one. */
    private synchronized Worker workerOrPark(Job job) {
      if (worker == null) {
        parked.add(job);
      }
      return worker;
    }

    private synchronized boolean unpark(Job job) {
      return parked.remove(job);
    }

    private synchronized List<Job> takeParked() {
      List<Job> taken = List.copyOf(parked);
      parked.clear();
      return taken;
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
    private ScheduledFuture<?> deadline;
    private int attempts;
    /** Where the job is queued or runs; guarded by the job. */
    private Slot slot;
    private Worker runningOn;
    /** Why the job was given up (a timeout, a cancel); guarded by the job. */
    private TranscodeException abandoned;

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
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
      InProcessWorker.daemon("lpnode-transcode-deadline"));
  private final Map<String, Slot> placement = new ConcurrentHashMap<>();
  /** Jobs by their request (by identity: requests are records with arrays in them). */
  private final Map<TranscodeRequest, Job> jobs = Collections.synchronizedMap(new IdentityHashMap<>());
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
      jobs.put(request, job);
      job.result.whenComplete((r, e) -> jobs.remove(request, job));
      job.deadline = deadlines.schedule(() -> abandon(job, TranscodeException.Kind.TIMEOUT),
          request.timeout().toMillis(), TimeUnit.MILLISECONDS);
      queue(placement.computeIfAbsent(request.sessionId(), id -> leastLoaded(null, job.cost)), job);
    }
    return job.result;
  }

  /** Gives a segment up: dropped if it waits, stopped if it runs; its future fails with {@code TranscoderStopped}. */
  void cancel(TranscodeRequest request) {
    Job job = jobs.get(request);
    if (job != null) {
      abandon(job, TranscodeException.Kind.STOPPED);
    }
  }

  void endSession(String sessionId) {
    Slot slot = placement.remove(sessionId);
    Worker worker = slot == null ? null : slot.worker;
    if (worker != null) {
      worker.endSession(sessionId);
    }
  }

  /** Fails everything that is still queued; running segments finish or fail with their workers. */
  void close() {
    closed = true;
    for (Slot slot : slots) {
      slot.scheduler.takeWaiting().forEach(job -> fail(job, new TranscodeException(TranscodeException.Kind.STOPPED)));
      slot.takeParked().forEach(job -> fail(job, new TranscodeException(TranscodeException.Kind.STOPPED)));
    }
    deadlines.shutdownNow();
    results.shutdown();
  }

  private void queue(Slot slot, Job job) {
    synchronized (job) {
      job.slot = slot;
    }
    slot.scheduler.submit(job);
  }

  private void start(Slot slot, Job job) {
    Worker worker;
    TranscodeException abandoned;
    synchronized (job) {
      abandoned = job.abandoned;
      worker = abandoned == null ? slot.workerOrPark(job) : null;
      job.runningOn = worker;
    }
    if (abandoned != null) {
      slot.scheduler.finished(job);
      fail(job, abandoned);
      return;
    }
    if (worker == null) {
      return; // parked until the slot has a worker again
    }
    CompletableFuture<TranscodeResult> running;
    try {
      running = worker.run(job.request);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete((result, failure) -> finished(slot, job, result, failure));
  }

  private void finished(Slot slot, Job job, TranscodeResult result, Throwable failure) {
    TranscodeException abandoned;
    synchronized (job) {
      job.runningOn = null;
      abandoned = job.abandoned;
    }
    slot.scheduler.finished(job);
    if (abandoned != null) {
      fail(job, abandoned); // whatever it came to, nobody waits for it any more
      return;
    }
    if (failure == null) {
      job.deadline.cancel(false);
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
  }

  /**
   * A timeout or a cancel: a waiting or parked job fails at once; a running one is stopped and fails
   * once its worker let go of it (or was killed for not letting go).
   */
  private void abandon(Job job, TranscodeException.Kind why) {
    Slot slot;
    Worker running;
    TranscodeException error = new TranscodeException(why);
    synchronized (job) {
      if (job.abandoned != null || job.result.isDone()) {
        return;
      }
      job.abandoned = error;
      slot = job.slot;
      running = job.runningOn;
    }
    if (running != null) {
      running.cancel(job.request);
    } else if (slot.scheduler.remove(job)) {
      fail(job, error);
    } else if (slot.unpark(job)) {
      slot.scheduler.finished(job);
      fail(job, error);
    }
    // Otherwise the scheduler is just starting it, and start() sees that it was given up.
  }

  private void fail(Job job, TranscodeException error) {
    if (job.deadline != null) {
      job.deadline.cancel(false);
    }
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
    if (lost.started) {
      job.attempts++;
    }
    if (job.attempts > 1 || closed) {
      LOG.warn("segment {}/{} lost its worker twice ({}); giving up", request.sessionId(), request.seq(), lost.getMessage());
      fail(job, lost.toTranscodeException());
      return;
    }
    Slot next = leastLoaded(slot, job.cost);
    LOG.warn("segment {}/{} lost its worker {} ({}); retrying on {}", request.sessionId(), request.seq(), slot.name,
        lost.getMessage(), next.name);
    placement.replace(request.sessionId(), slot, next);
    queue(next, job);
  }

  /**
   * The slot with the least queued work that can take {@code cost}: one with a worker before one
   * without, any other before {@code avoid}.
   */
  private Slot leastLoaded(Slot avoid, int cost) {
    return slots.stream()
        .filter(s -> s.budget() >= cost)
        .min(Comparator.comparing((Slot s) -> s.worker == null)
            .thenComparing(s -> s == avoid && slots.size() > 1)
            .thenComparingInt(s -> s.scheduler.load() * 1000 / s.budget()))
        .orElseThrow();
  }
}
