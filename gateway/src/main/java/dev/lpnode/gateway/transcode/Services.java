package dev.lpnode.gateway.transcode;

import dev.lpnode.gateway.evidence.EvidenceKeeper;
import dev.lpnode.gateway.client.GatewayCredentials;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.discovery.Discovery;
import dev.lpnode.gateway.metrics.GatewayMetrics;
import dev.lpnode.gateway.pay.SegmentPayments;
import dev.lpnode.gateway.selection.ProbabilitySelection;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Random;
import java.util.function.LongSupplier;

/** What every stream's transcoding shares: the node's client, keys, discovery, payments, workers, settings and clocks. */
record Services(
    Vertx vertx,
    OrchestratorClient client,
    GatewayCredentials credentials,
    Discovery discovery,
    SegmentPayments payments,
    WorkerExecutor workers,
    TranscodeSettings settings,
    GatewayMetrics metrics,
    ProbabilitySelection algorithm,
    Random random,
    LongSupplier nanoClock,
    Clock clock,
    EvidenceKeeper evidence) {}
