package dev.lpnode.gateway.discovery;

import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.selection.Suspender;
import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.OrchestratorRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-stream discovery (protocol.md §7.1): GetOrchestrator to every known orchestrator at once, in
 * random order; answers pass the {@link AcceptanceFilter} (on a worker, as it may read the
 * ledger); the {@link DiscoveryRound} decides when to stop waiting.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final Vertx vertx;
  private final OrchestratorClient client;
  private final GatewayCredentials credentials;
  private final OrchestratorSource source;
  private final AcceptanceFilter filter;
  private final WorkerExecutor blocking;
  private final long timeoutMs;
  private final Random random;
  private final BiConsumer<String, String> onError;

  /**
   * @param timeoutMs {@code -discoveryTimeout}
   * @param onError   told of each orchestrator that did not answer: its URI and the error
   */
  public Discovery(Vertx vertx, OrchestratorClient client, GatewayCredentials credentials, OrchestratorSource source,
      AcceptanceFilter filter, WorkerExecutor blocking, long timeoutMs, Random random, BiConsumer<String, String> onError) {
    this.vertx = vertx;
    this.client = client;
    this.credentials = credentials;
    this.source = source;
    this.filter = filter;
    this.blocking = blocking;
    this.timeoutMs = timeoutMs;
    this.random = random;
    this.onError = onError;
  }

  /** The orchestrators known now. */
  public Future<List<String>> candidates() {
    return source.orchestrators();
  }

  /**
   * Finds up to {@code wanted} orchestrators for a job: fastest first, suspended ones only to make
   * up the number. Never fails: nothing found is an empty list.
   */
  public Future<List<Discovered>> discover(int wanted, Suspender suspender, Capabilities job) {
    return source.orchestrators()
        .recover(e -> {
          LOG.warn("discovery: cannot list orchestrators: {}", e.getMessage());
          return Future.succeededFuture(List.of());
        })
        .compose(uris -> ask(uris, wanted, suspender, job));
  }

  private Future<List<Discovered>> ask(List<String> uris, int wanted, Suspender suspender, Capabilities job) {
    DiscoveryRound round = new DiscoveryRound(uris.size(), wanted, timeoutMs);
    Promise<List<Discovered>> result = Promise.promise();
    if (round.done()) {
      result.complete(round.result());
      return result.future();
    }
    List<Long> timers = Collections.synchronizedList(new ArrayList<>());
    Runnable finishIfDone = () -> {
      if (round.done() && result.tryComplete(round.result())) {
        timers.forEach(vertx::cancelTimer);
      }
    };
    timers.add(vertx.setTimer(DiscoveryRound.CUTOFF_MS, t -> {
      synchronized (round) {
        round.cutoff();
        finishIfDone.run();
      }
    }));
    scheduleTick(round, round.firstTimeoutMs(), timers, finishIfDone);

    OrchestratorRequest request = credentials.orchestratorRequest(job);
    List<String> shuffled = new ArrayList<>(uris);
    Collections.shuffle(shuffled, random);
    for (String uri : shuffled) {
      long started = System.nanoTime();
      client.getOrchestrator(uri, request, DiscoveryRound.CUTOFF_MS)
          .compose(info -> blocking.executeBlocking(() -> filter.reject(info, job), false)
              .map(reason -> new Answer(info, reason, System.nanoTime() - started)))
          .onComplete(done -> {
            synchronized (round) {
              if (done.failed()) {
                onError.accept(uri, done.cause().getMessage());
                LOG.debug("discovery: {} did not answer: {}", uri, done.cause().getMessage());
                round.rejected();
              } else if (done.result().reason().isPresent()) {
                LOG.info("discovery: not using {}: {}", uri, done.result().reason().get());
                round.rejected();
              } else {
                OrchestratorInfo info = done.result().info();
                round.accepted(new Discovered(uri, info, done.result().latencyNanos()),
                    suspender.suspended(info.getTranscoder()));
              }
              finishIfDone.run();
            }
          });
    }
    return result.future();
  }

  private record Answer(OrchestratorInfo info, Optional<String> reason, long latencyNanos) {}

  private void scheduleTick(DiscoveryRound round, long delayMs, List<Long> timers, Runnable finishIfDone) {
    timers.add(vertx.setTimer(delayMs, t -> {
      synchronized (round) {
        if (round.done()) {
          return;
        }
        long next = round.timerFired();
        finishIfDone.run();
        if (!round.done()) {
          scheduleTick(round, next, timers, finishIfDone);
        }
      }
    }));
  }
}
