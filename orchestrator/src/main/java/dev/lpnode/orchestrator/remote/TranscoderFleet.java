package dev.lpnode.orchestrator.remote;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.Capability;
import dev.lpnode.wire.CapabilitySet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's transcoders: the remote ones that registered, and the node's own engine when it
 * runs {@code -transcoder} too. A session sticks to one member while it lives; a new one goes to the
 * compatible member with the most free capacity (then the least loaded). A remote member that fails a segment through its own
 * fault ({@link RemoteFault}) is withdrawn at once (its stream ends, so it registers again), and the
 * segment is retried once elsewhere within the caller's deadline; its sessions move with their next
 * segment. Thread-safe.
 */
public final class TranscoderFleet implements Transcoder {
  private static final Logger LOG = LoggerFactory.getLogger(TranscoderFleet.class);

  /** A member's state for {@code /status}. */
  public record MemberStatus(String name, boolean remote, int capacity, int load, long segments, long failures,
      Instant lastSeen) {}

  /** Which member runs which request, so a cancel reaches the attempt in flight. */
  private record Attempt(FleetMember member, TranscodeRequest request) {}

  private final LocalMember local;
  private final Transcoder decoder;
  private final List<RegisteredTranscoder> remotes = new CopyOnWriteArrayList<>();
  private final Map<String, FleetMember> sessions = new HashMap<>();
  private final Map<TranscodeRequest, Attempt> attempts = new ConcurrentHashMap<>();
  private final List<IntConsumer> capacityListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong retries = new AtomicLong();

  /**
   * @param local         the node's own engine, or null for remote transcoders only
   * @param localSessions sessions the own engine takes at once
   * @param decoder       the engine that recounts remote results ({@link RemoteResultCheck}); may be {@code local}
   */
  public TranscoderFleet(Transcoder local, int localSessions, Transcoder decoder) {
    this.local = local == null ? null : new LocalMember(local, localSessions);
    this.decoder = decoder;
  }

  /** {@code listener} gets the fleet's session capacity whenever a transcoder joins or leaves. */
  public void onCapacityChange(IntConsumer listener) {
    capacityListeners.add(listener);
  }

  /** Sessions the fleet takes at once: Σ of its members' capacities. */
  public int sessionCapacity() {
    return members().stream().mapToInt(FleetMember::capacity).sum();
  }

  /** Segments retried on another member after one failed them. */
  public long retries() {
    return retries.get();
  }

  public int remoteCount() {
    return remotes.size();
  }

  RemoteResultCheck resultCheck() {
    return new RemoteResultCheck(decoder);
  }

  /** Adds {@code transcoder} unless {@code limit} transcoders are registered already (registrations race on event loops). */
  boolean join(RegisteredTranscoder transcoder, int limit) {
    synchronized (remotes) {
      if (remotes.size() >= limit) {
        return false;
      }
      remotes.add(transcoder);
    }
    LOG.info("Remote transcoder {} registered: capacity {}, {} transcoder(s) now", transcoder.name(),
        transcoder.capacity(), remotes.size());
    capacityChanged();
    return true;
  }

  /** The transcoder's stream ended (it went away, or was withdrawn). */
  void leave(RegisteredTranscoder transcoder, String reason) {
    if (!remotes.remove(transcoder)) {
      return;
    }
    synchronized (this) {
      sessions.values().removeIf(member -> member == transcoder);
    }
    transcoder.withdraw(reason);
    LOG.warn("Remote transcoder {} left: {}; {} transcoder(s) now", transcoder.name(), reason, remotes.size());
    capacityChanged();
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    FleetMember first;
    try {
      first = assign(request, null);
    } catch (TranscodeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return run(request, first, request).exceptionallyCompose(e -> {
      if (!(unwrap(e) instanceof RemoteFault fault)) {
        return CompletableFuture.failedFuture(unwrap(e));
      }
      blame(first, fault);
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        return CompletableFuture.failedFuture(new TranscodeException(TranscodeException.Kind.TIMEOUT));
      }
      FleetMember second;
      try {
        second = assign(request, first);
      } catch (TranscodeException noneLeft) {
        return CompletableFuture.failedFuture(asError(fault));
      }
      retries.incrementAndGet();
      LOG.info("Retrying segment {}/{} on {} after {} failed it: {}", request.sessionId(), request.seq(), second.name(),
          first.name(), fault.getMessage());
      TranscodeRequest retry = new TranscodeRequest(request.sessionId(), request.seq(), request.segment(),
          request.durationMs(), request.profiles(), left);
      return run(request, second, retry).exceptionallyCompose(again -> {
        if (unwrap(again) instanceof RemoteFault secondFault) {
          blame(second, secondFault);
          return CompletableFuture.failedFuture(asError(secondFault));
        }
        return CompletableFuture.failedFuture(unwrap(again));
      });
    });
  }

  private CompletableFuture<TranscodeResult> run(TranscodeRequest original, FleetMember member, TranscodeRequest request) {
    attempts.put(original, new Attempt(member, request));
    return member.transcode(request).whenComplete((r, e) -> attempts.remove(original));
  }

  private void blame(FleetMember member, RemoteFault fault) {
    if (member instanceof RegisteredTranscoder remote) {
      remote.countFailure();
      if (fault.withdraws()) {
        leave(remote, "failed a segment: " + fault.getMessage());
      }
    }
  }

  /** Whether a member other than {@code busy} has a free session now, to take over a segment {@code busy} is late with. */
  synchronized boolean canTakeOver(FleetMember busy) {
    return members().stream().anyMatch(m -> m != busy && load(m) < m.capacity());
  }

  /** What the gateway hears when no member could do the segment: retryable elsewhere. */
  private static TranscodeException asError(RemoteFault fault) {
    return new TranscodeException(TranscodeException.Kind.FFMPEG, fault.getMessage());
  }

  /** The member of the request's session, or a new one for it (never {@code excluded}). */
  private synchronized FleetMember assign(TranscodeRequest request, FleetMember excluded) {
    FleetMember current = sessions.get(request.sessionId());
    if (current != null && current != excluded && isMember(current)) {
      return current;
    }
    CapabilitySet needed = needed(request.profiles());
    List<FleetMember> candidates = members().stream().filter(m -> m != excluded).toList();
    List<FleetMember> compatible = candidates.stream().filter(m -> m.capabilities().containsAll(needed)).toList();
    if (!candidates.isEmpty() && compatible.isEmpty()) {
      throw new TranscodeException(TranscodeException.Kind.FFMPEG, "no transcoders can provide requested capabilities");
    }
    Optional<FleetMember> best = compatible.stream()
        .filter(m -> load(m) < m.capacity())
        .max(Comparator.<FleetMember>comparingInt(m -> m.capacity() - load(m))
            .thenComparingDouble(m -> -(double) load(m) / m.capacity()));
    if (best.isEmpty()) {
      throw new TranscodeException(TranscodeException.Kind.FFMPEG, "no transcoders available");
    }
    sessions.put(request.sessionId(), best.get());
    return best.get();
  }

  /** The capabilities a ladder's encoders need (go-livepeer's encoder bits). */
  private static CapabilitySet needed(List<VideoProfile> profiles) {
    List<Capability> needed = new ArrayList<>(List.of(Capability.H264));
    for (VideoProfile p : profiles) {
      switch (p.codec()) {
        case H265 -> needed.add(Capability.HEVC_ENCODE);
        case VP8 -> needed.add(Capability.VP8_ENCODE);
        case VP9 -> needed.add(Capability.VP9_ENCODE);
        case H264 -> { }
      }
    }
    return CapabilitySet.of(needed);
  }

  private boolean isMember(FleetMember member) {
    return member == local || remotes.contains(member);
  }

  private synchronized int load(FleetMember member) {
    return (int) sessions.values().stream().filter(m -> m == member).count();
  }

  private List<FleetMember> members() {
    List<FleetMember> all = new ArrayList<>(remotes);
    if (local != null) {
      all.add(local);
    }
    return all;
  }

  @Override
  public void cancel(TranscodeRequest request) {
    Attempt attempt = attempts.get(request);
    if (attempt != null) {
      attempt.member().cancel(attempt.request());
    }
  }

  @Override
  public void endSession(String sessionId) {
    FleetMember member;
    synchronized (this) {
      member = sessions.remove(sessionId);
    }
    if (member != null) {
      member.endSession(sessionId);
    }
  }

  /** Segments that run at once: Σ of the members' session capacities. */
  @Override
  public int capacity() {
    return sessionCapacity();
  }

  public List<MemberStatus> status() {
    List<MemberStatus> status = new ArrayList<>();
    for (RegisteredTranscoder t : remotes) {
      status.add(new MemberStatus(t.name(), true, t.capacity(), load(t), t.segments(), t.failures(), t.lastSeen()));
    }
    if (local != null) {
      status.add(new MemberStatus(local.name(), false, local.capacity(), load(local), 0, 0, null));
    }
    return status;
  }

  private void capacityChanged() {
    int capacity = sessionCapacity();
    capacityListeners.forEach(l -> l.accept(capacity));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** Ends every remote transcoder's stream and closes the engines. */
  @Override
  public void close() {
    for (RegisteredTranscoder t : remotes) {
      leave(t, "the orchestrator is stopping");
    }
    if (local != null) {
      local.engine().close();
    }
    if (decoder != (local == null ? null : local.engine())) {
      decoder.close();
    }
  }
}
