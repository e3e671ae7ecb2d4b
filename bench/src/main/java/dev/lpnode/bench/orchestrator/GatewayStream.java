package dev.lpnode.bench.orchestrator;

import dev.lpnode.gateway.client.OrchestratorCallException;
import dev.lpnode.gateway.client.OrchestratorClient;
import dev.lpnode.gateway.client.SegmentReply;
import dev.lpnode.gateway.client.SegmentSubmission;
import dev.lpnode.gateway.pay.PaymentRefused;
import dev.lpnode.gateway.pay.SegmentPayment;
import dev.lpnode.gateway.selection.OrchestratorSession;
import dev.lpnode.payments.sender.SenderSession;
import dev.lpnode.payments.sender.TicketParamsException;
import dev.lpnode.wire.net.EndTranscodingSessionRequest;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.TranscodeResult;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * One stream (manifest ID) at the orchestrator, as go-livepeer's gateway drives it: GetOrchestrator
 * once, then each segment signed, paid with tickets on the latest params, POSTed, and its renditions
 * downloaded, and the session's OrchestratorInfo taken from every result. Blocking: one thread per stream.
 */
public final class GatewayStream {
  private final BenchGateway gateway;
  private final String manifestId;
  private final OrchestratorSession session;
  private long seq;

  private GatewayStream(BenchGateway gateway, String manifestId, OrchestratorSession session) {
    this.gateway = gateway;
    this.manifestId = manifestId;
    this.session = session;
  }

  /** Discovery: GetOrchestrator, and a payment session on the ticket params it offers. */
  public static GatewayStream open(BenchGateway gateway, String manifestId) throws SegmentFailed {
    OrchestratorInfo info = await(gateway.client().getOrchestrator(gateway.serviceUri(),
        gateway.credentials().orchestratorRequest(gateway.job()), OrchestratorClient.DISCOVERY_TIMEOUT_MS));
    return new GatewayStream(gateway, manifestId, new OrchestratorSession(info, paymentSession(gateway, info)));
  }

  /** Sends the next segment and downloads its renditions. */
  public SegmentTiming send(byte[] segment, long durationMs) throws SegmentFailed {
    return send(segment, durationMs, durationMs);
  }

  /**
   * Sends the next segment, declared and paid as {@code durationMs}, with the client's timeouts of
   * a {@code patienceMs} segment (an attacker's client waits longer than a gateway's would).
   */
  public SegmentTiming send(byte[] segment, long durationMs, long patienceMs) throws SegmentFailed {
    long started = System.nanoTime();
    OrchestratorInfo info = session.info();
    String header = gateway.credentials().segmentHeader(manifestId, seq, segment, durationMs, gateway.ladder(),
        gateway.job(), info.getAuthToken());
    SegmentPayment payment;
    try {
      payment = gateway.payments().pay(session, gateway.ladder(), durationMs);
    } catch (PaymentRefused e) {
      throw new SegmentFailed("creating payment: " + e.getMessage());
    }
    long sent = System.nanoTime();
    SegmentReply reply;
    try {
      reply = await(gateway.client().submitSegment(
          new SegmentSubmission(info.getTranscoder(), header, payment.header(), segment, patienceMs)), payment);
    } finally {
      payment.complete();
    }
    TranscodeResult result = reply.result();
    if (!result.hasData()) {
      throw new SegmentFailed(result.getError().isEmpty() ? "UnknownResponse" : result.getError());
    }
    if (result.hasInfo()) {
      session.update(result.getInfo(), paymentSession(gateway, result.getInfo()));
    }
    long downloading = System.nanoTime();
    List<Future<byte[]>> downloads = result.getData().getSegmentsList().stream()
        .map(rendition -> gateway.client().download(info.getTranscoder(), rendition.getUrl())).toList();
    await(Future.all(downloads));
    long done = System.nanoTime();
    seq++;
    return new SegmentTiming(sent - started, reply.uploadNanos(), reply.totalNanos(), done - downloading);
  }

  /** EndTranscodingSession: the orchestrator frees the session's slot and renditions. */
  void end() {
    try {
      await(gateway.client().endTranscodingSession(gateway.serviceUri(),
          EndTranscodingSessionRequest.newBuilder().setAuthToken(session.info().getAuthToken()).build()));
    } catch (SegmentFailed e) {
      // the session expires at the orchestrator anyway; the next stream discovers afresh
    }
  }

  /**
   * The submission's outcome, settling the payment as go-livepeer's gateway does: a request that got
   * an answer spent its credit, and renditions returned are paid for.
   */
  private static SegmentReply await(Future<SegmentReply> submission, SegmentPayment payment) throws SegmentFailed {
    try {
      SegmentReply reply = submission.toCompletionStage().toCompletableFuture().get();
      payment.reached();
      if (reply.result().hasData()) {
        payment.received(reply.result().getData().getSegmentsList().stream().mapToLong(TranscodedSegmentData::getPixels).sum());
      }
      return reply;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OrchestratorCallException call && call.reached()) {
        payment.reached();
      }
      throw new SegmentFailed(String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SegmentFailed("interrupted");
    }
  }

  private static <T> T await(Future<T> future) throws SegmentFailed {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new SegmentFailed(String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SegmentFailed("interrupted");
    }
  }

  private static SenderSession paymentSession(BenchGateway gateway, OrchestratorInfo info) throws SegmentFailed {
    try {
      return gateway.payments().startSession(info);
    } catch (TicketParamsException e) {
      throw new SegmentFailed("ticket params: " + e.getMessage());
    }
  }
}
