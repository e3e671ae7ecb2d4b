package dev.lpnode.gateway.transcode;

import dev.lpnode.gateway.evidence.EvidenceKeeper;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.discovery.AcceptanceFilter;
import dev.lpnode.gateway.discovery.Discovery;
import dev.lpnode.gateway.discovery.OrchestratorSource;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentProcessor;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.ProbabilitySelection;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The gateway's real {@link SegmentProcessor}: each segment goes to an orchestrator chosen by
 * go-livepeer's discovery and selection, is paid for with tickets, and comes back as renditions
 * that were downloaded and verified. Segments without video are passed through as every rendition,
 * as go-livepeer does. Streams keep their orchestrator sessions until they end.
 */
public final class TranscodingProcessor implements SegmentProcessor, AutoCloseable {
  /** Threads for payments, hashing and verification (decoding renditions). */
  static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
  /** How long closing waits for orchestrators to acknowledge the end of their sessions. */
  static final long END_WAIT_MS = 2_000;

  private final Services services;
  private final Map<String, StreamTranscoder> streams = new ConcurrentHashMap<>();

  /**
   * @param key                the gateway's key: it signs discovery requests, segments and tickets
   * @param source             where orchestrators come from ({@code -orchAddr}, {@code -orchWebhookUrl})
   * @param payments           tickets, or none off chain
   * @param blocklist          {@code -orchBlocklist}
   * @param discoveryTimeoutMs {@code -discoveryTimeout}
   */
  public TranscodingProcessor(Vertx vertx, SigningKey key, OrchestratorSource source, SegmentPayments payments,
      Set<EthAddress> blocklist, long discoveryTimeoutMs, TranscodeSettings settings, GatewayMetrics metrics) {
    this(vertx, key, source, payments, blocklist, discoveryTimeoutMs, settings, metrics, EvidenceKeeper.NONE);
  }

  /** Keeping the evidence of provable faults in {@code evidence}. */
  public TranscodingProcessor(Vertx vertx, SigningKey key, OrchestratorSource source, SegmentPayments payments,
      Set<EthAddress> blocklist, long discoveryTimeoutMs, TranscodeSettings settings, GatewayMetrics metrics,
      EvidenceKeeper evidence) {
    this(vertx, key, source, payments, blocklist, discoveryTimeoutMs, settings, metrics, new Random(), System::nanoTime,
        Clock.systemUTC(), evidence);
  }

  /** With the randomness and clocks given, for deterministic tests. */
  public TranscodingProcessor(Vertx vertx, SigningKey key, OrchestratorSource source, SegmentPayments payments,
      Set<EthAddress> blocklist, long discoveryTimeoutMs, TranscodeSettings settings, GatewayMetrics metrics,
      Random random, LongSupplier nanoClock, Clock clock, EvidenceKeeper evidence) {
    OrchestratorClient client = new OrchestratorClient(vertx);
    GatewayCredentials credentials = new GatewayCredentials(key);
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("lpnode-gateway-transcode", WORKERS, 60, TimeUnit.SECONDS);
    Discovery discovery = new Discovery(vertx, client, credentials, source, new AcceptanceFilter(blocklist, payments),
        workers, discoveryTimeoutMs, random, metrics::discoveryError);
    this.services = new Services(vertx, client, credentials, discovery, payments, workers, settings, metrics,
        new ProbabilitySelection(settings.weights()), random, nanoClock, clock, evidence);
  }

  @Override
  public Future<List<Rendition>> process(SourceSegment segment) {
    List<VideoProfile> profiles = segment.stream().profiles();
    if (segment.zeroFrame() || profiles.isEmpty()) {
      List<Rendition> copies = new ArrayList<>();
      for (VideoProfile p : profiles) {
        copies.add(new Rendition(p.name(), segment.data(), segment.format(), segment.media()));
      }
      return Future.succeededFuture(copies);
    }
    return streams.computeIfAbsent(segment.manifestId(),
        id -> new StreamTranscoder(services, id, profiles, segment.videoCodec())).transcode(segment);
  }

  @Override
  public void streamEnded(String manifestId) {
    end(manifestId);
  }

  private Future<Void> end(String manifestId) {
    StreamTranscoder stream = streams.remove(manifestId);
    return stream == null ? Future.succeededFuture() : stream.end();
  }

  public GatewayMetrics metrics() {
    return services.metrics();
  }

  /**
   * Ends every stream's sessions (waiting up to {@value #END_WAIT_MS} ms for the orchestrators to
   * hear of it), then closes the client and workers. Blocks: not on an event loop.
   */
  @Override
  public void close() {
    List<Future<Void>> ended = List.copyOf(streams.keySet()).stream().map(this::end).toList();
    try {
      Future.join(ended).toCompletionStage().toCompletableFuture().get(END_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // an orchestrator that does not answer in time is not waited for
    }
    services.workers().close();
    services.client().close();
  }
}
