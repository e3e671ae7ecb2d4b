package dev.lpnode.orchestrator.remote;

import com.google.protobuf.ByteString;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.wire.CapabilitySet;
import dev.lpnode.wire.WireProfiles;
import dev.lpnode.wire.net.AuthToken;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.SegData;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A transcoder that registered with this orchestrator: segments go to it as NotifySegment messages on
 * its registration stream, its results come back through {@link RemoteTasks}, and each is checked
 * ({@link RemoteResultCheck}) before anyone bills for it.
 */
final class RegisteredTranscoder implements FleetMember {
  /** The registration stream, as far as a member needs it. */
  interface Link {
    /** Sends on the stream; false when the stream is gone. */
    boolean send(NotifySegment message);

    /** Ends the stream: the transcoder sees it and registers again. */
    void close();
  }

  private static final ByteString INVALID_PROFILES = ByteString.copyFromUtf8("invalid");

  private final String name;
  private final int capacity;
  private final CapabilitySet capabilities;
  private final Link link;
  private final RemoteTasks tasks;
  private final RemoteResultCheck check;
  private final Vertx vertx;
  private final String inputUriPrefix;
  private final String orchId;
  private final Predicate<FleetMember> takenOverElsewhere;
  /** Tasks in flight, by the request they serve, so a cancelled segment's task can be dropped. */
  private final Map<TranscodeRequest, RemoteTasks.Task> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  /** When it last returned a result (or registered). */
  private volatile Instant lastSeen;
  /** When it last went from idle to holding work: its silence counts from the later of the two. */
  private volatile Instant busySince;

  /**
   * @param takenOverElsewhere whether another member could take this one's overdue segment now
   */
  RegisteredTranscoder(String name, int capacity, CapabilitySet capabilities, Link link, RemoteTasks tasks,
      RemoteResultCheck check, Vertx vertx, String serviceUri, String orchId, Predicate<FleetMember> takenOverElsewhere) {
    this.name = name;
    this.capacity = capacity;
    this.capabilities = capabilities;
    this.link = link;
    this.tasks = tasks;
    this.check = check;
    this.vertx = vertx;
    this.inputUriPrefix = serviceUri + "/stream/";
    this.orchId = orchId;
    this.takenOverElsewhere = takenOverElsewhere;
    this.lastSeen = Instant.now();
    this.busySince = lastSeen;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public CapabilitySet capabilities() {
    return capabilities;
  }

  long segments() {
    return segments.get();
  }

  long failures() {
    return failures.get();
  }

  void countFailure() {
    failures.incrementAndGet();
  }

  Instant lastSeen() {
    return lastSeen;
  }

  /**
   * Sends the segment and waits for its result. At half of the caller's deadline the segment is
   * given up on here if another member can take it, so a retry elsewhere still fits in the other
   * half; otherwise it waits the whole deadline (go-livepeer waits the gateway's whole max(8 s, 4 ×
   * duration) and never retries). Given up on, the transcoder is withdrawn only if it returned
   * nothing for a whole deadline (hung); one that is merely slow keeps its other segments.
   */
  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    if (inFlight.isEmpty()) {
      busySince = Instant.now();
    }
    RemoteTasks.Task task = tasks.open(request);
    inFlight.put(request, task);
    long fullMs = Math.max(2, request.timeout().toMillis());
    AtomicLong timer = new AtomicLong();
    timer.set(vertx.setTimer(fullMs / 2, half -> {
      if (takenOverElsewhere.test(this)) {
        task.result().completeExceptionally(overdue(request.timeout()));
      } else {
        timer.set(vertx.setTimer(fullMs - fullMs / 2, full -> task.result().completeExceptionally(overdue(request.timeout()))));
      }
    }));
    if (!link.send(notifyFor(task))) {
      task.result().completeExceptionally(new RemoteFault("cannot send the segment: the transcoder's stream is gone"));
    }
    long startNanos = System.nanoTime();
    return task.result()
        .whenComplete((r, e) -> {
          vertx.cancelTimer(timer.get());
          inFlight.remove(request, task);
          tasks.close(task);
          if (r != null) {
            lastSeen = Instant.now();
          }
        })
        .thenCompose(result -> {
          if (result.error() != null) {
            throw RemoteErrors.asFailure(result.error());
          }
          Duration left = request.timeout().minusNanos(System.nanoTime() - startNanos);
          return check.check(task.id(), request, result, left);
        })
        .whenComplete((r, e) -> {
          if (e == null) {
            segments.incrementAndGet();
          }
        });
  }

  /** Drops the segment's task: a result posted for it later is refused as an unknown task. */
  @Override
  public void cancel(TranscodeRequest request) {
    RemoteTasks.Task task = inFlight.get(request);
    if (task != null) {
      task.result().completeExceptionally(new TranscodeException(TranscodeException.Kind.STOPPED));
    }
  }

  /** Why a segment is given up on: hung once silent for a whole deadline, else only slow. */
  private RemoteFault overdue(Duration deadline) {
    Instant quietSince = lastSeen.isAfter(busySince) ? lastSeen : busySince;
    Duration silent = Duration.between(quietSince, Instant.now());
    return silent.compareTo(deadline) >= 0
        ? new RemoteFault("no result in " + silent.toSeconds() + " s: taken as hung")
        : RemoteFault.slow("Remote transcoder took too long");
  }

  /** go-livepeer's teardown signal: a NotifySegment with no url and the session's id. */
  @Override
  public void endSession(String sessionId) {
    link.send(NotifySegment.newBuilder()
        .setSegData(SegData.newBuilder().setAuthToken(AuthToken.newBuilder().setSessionId(sessionId)))
        .build());
  }

  /** Fails what it holds with {@code reason} and ends its stream. */
  void withdraw(String reason) {
    for (RemoteTasks.Task task : inFlight.values()) {
      task.result().completeExceptionally(new RemoteFault(reason));
    }
    link.close();
  }

  private NotifySegment notifyFor(RemoteTasks.Task task) {
    TranscodeRequest request = task.request();
    SegData.Builder segData = SegData.newBuilder()
        .setManifestId(ByteString.copyFromUtf8(request.sessionId()))
        .setSeq(request.seq())
        .setDuration((int) Math.min(Integer.MAX_VALUE, request.durationMs()))
        .setAuthToken(AuthToken.newBuilder().setSessionId(request.sessionId()))
        .setProfiles(INVALID_PROFILES);
    WireProfiles.putProfiles(segData, request.profiles());
    return NotifySegment.newBuilder()
        .setUrl(inputUriPrefix + task.inputPath())
        .setTaskId(task.id())
        .setOrchId(orchId)
        .setSegData(segData)
        .setProfiles(INVALID_PROFILES)
        .build();
  }
}
