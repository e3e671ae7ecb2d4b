package dev.lpnode.orchestrator.segment;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.lpnode.http.ByteBudget;
import dev.lpnode.http.UnreadBody;
import dev.lpnode.orchestrator.metrics.OrchestratorMetrics;
import dev.lpnode.orchestrator.pay.OrchestratorPayments;
import dev.lpnode.orchestrator.rpc.OrchestratorInfoFactory;
import dev.lpnode.orchestrator.segment.SegmentCredentials.Segment;
import dev.lpnode.orchestrator.session.TranscodeSessions;
import dev.lpnode.orchestrator.store.RenditionStore;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.orchestrator.work.VerifiedWorkLog;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.recipient.PaymentReceipt;
import dev.lpnode.payments.ticket.Rational;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import dev.lpnode.wire.net.OrchestratorInfo;
import dev.lpnode.wire.net.Payment;
import dev.lpnode.wire.net.PriceInfo;
import dev.lpnode.wire.net.TranscodeData;
import dev.lpnode.wire.net.TranscodedSegmentData;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /segment}: go-livepeer's ServeSegment, step for step (protocol.md §4.3). Bad payment
 * headers are 402, bad credentials 403, refused payments 400, a wrong body hash 403 — all before any
 * transcoding. Then 200 is flushed and the TranscodeResult follows in the body: renditions checked
 * by decoding them, billed by price × Σ pixels, recorded as verified work, signed by the node key.
 */
public final class SegmentHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentHandler.class);
  public static final String PAYMENT_HEADER = "Livepeer-Payment";
  public static final String SEGMENT_HEADER = "Livepeer-Segment";
  private static final String URI_BODY = "application/vnd+livepeer.uri";

  private final Vertx vertx;
  private final SegmentCredentials credentials;
  private final OrchestratorPayments payments;
  private final OrchestratorInfoFactory infos;
  private final TranscodeSessions sessions;
  private final Transcoder transcoder;
  private final RenditionVerifier verifier;
  private final RenditionStore store;
  private final SigningKey nodeKey;
  private final String serviceUri;
  private final VerifiedWorkLog workLog;
  private final OrchestratorMetrics metrics;
  private final Executor blocking;
  private final ByteBudget held;
  private final LadderLimit ladders;

  public SegmentHandler(Vertx vertx, SegmentCredentials credentials, OrchestratorPayments payments,
      OrchestratorInfoFactory infos, TranscodeSessions sessions, Transcoder transcoder, RenditionVerifier verifier,
      RenditionStore store, SigningKey nodeKey, String serviceUri, VerifiedWorkLog workLog, OrchestratorMetrics metrics,
      Executor blocking, SegmentLimits limits, LadderLimit ladders) {
    this.vertx = vertx;
    this.credentials = credentials;
    this.payments = payments;
    this.infos = infos;
    this.sessions = sessions;
    this.transcoder = transcoder;
    this.verifier = verifier;
    this.store = store;
    this.nodeKey = nodeKey;
    this.serviceUri = serviceUri;
    this.workLog = workLog;
    this.metrics = metrics;
    this.blocking = blocking;
    this.held = new ByteBudget(limits.maxHeldBytes());
    this.ladders = ladders;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    Payment payment;
    try {
      payment = decodePayment(request.getHeader(PAYMENT_HEADER));
    } catch (HttpError e) {
      metrics.paymentError("PaymentDecode");
      reject(request, e);
      return;
    }
    EthAddress sender = EthAddress.fromWire(payment.getSender().toByteArray());
    Segment segment;
    try {
      segment = credentials.verify(request.getHeader(SEGMENT_HEADER), sender);
    } catch (SegmentCredentials.Rejected e) {
      reject(request, new HttpError(403, e.getMessage()));
      return;
    }
    metrics.segmentReceived(Duration.ofMillis(segment.durationMs()));
    Context context = vertx.getOrCreateContext();
    // The gateway gives up after its httpTimeout: a body, or a transcode, later than that is useless.
    Duration timeout = SegmentLimits.gatewayTimeout(segment.durationMs());
    long deadline = System.nanoTime() + timeout.toNanos();
    // The body streams in (and is hashed) while the payment is checked; its outcome is looked at
    // only once the payment passed, so the status codes keep go-livepeer's order.
    SegmentBody.Reading body = SegmentBody.read(vertx, request, SegmentLimits.maxBodyBytes(segment.durationMs()), held,
        timeout, blocking);
    if (body.body().failed() && SegmentBody.Reading.outOfMemory(body.body().cause())) {
      refuseUnread(request, 503, body.body().cause().getMessage());
      return;
    }
    CompletableFuture.supplyAsync(() -> admit(payment, sender, segment), blocking).whenComplete((admission, error) ->
        context.runOnContext(v -> {
          if (error != null) {
            body.cancel();
            reject(request, HttpError.of(error));
          } else {
            receiveBody(request, body, context, new Job(segment, sender, admission.price(), admission.info(),
                admission.priority(), deadline));
          }
        }));
  }

  /**
   * Steps 3–5: the updated OrchestratorInfo, the payment, the balance. The balance check and the
   * later debit use this node's price for the session, never the price the gateway claims to
   * expect (go-livepeer checks only when the gateway's expected price is above 0, which a gateway
   * could leave at 0). Before them, the ladder the gateway's stake allows and the session cap.
   * Blocks on payments' disk writes and may read the ledger.
   */
  private Admission admit(Payment payment, EthAddress sender, Segment segment) {
    ladders.refusal(sender, segment.profiles().size()).ifPresent(refusal -> {
      throw new HttpError(403, refusal);
    });
    boolean priority = !sessions.admits(segment.sessionId(), false) && sessions.hasPriority(sender);
    if (!sessions.admits(segment.sessionId(), priority)) {
      throw new HttpError(403, TranscodeSessions.CAPPED);
    }
    OrchestratorInfo info;
    try {
      info = infos.build(sender, segment.segData().getAuthToken());
    } catch (Exception e) {
      LOG.warn("cannot build OrchestratorInfo for {}: {}", sender, e.getMessage());
      throw new HttpError(500, "Internal Server Error");
    }
    PaymentReceipt receipt = payments.receive(payment, segment.sessionId());
    int tickets = payment.getTicketSenderParamsCount();
    metrics.ticketsReceived(tickets, receipt.winningTickets(), approximate(receipt.valueCredited()));
    if (receipt.error().isPresent()) {
      metrics.paymentError(receipt.error().get().message());
      throw new HttpError(400, receipt.error().get().message());
    }
    PriceInfo price;
    try {
      price = payments.priceInfo(sender, segment.sessionId());
    } catch (Exception e) {
      throw new HttpError(500, "Internal Server Error");
    }
    boolean charged = price.getPricePerUnit() > 0 || payment.getExpectedPrice().getPricePerUnit() > 0;
    if (charged && !payments.sufficientBalance(sender, segment.sessionId())) {
      metrics.paymentError("Insufficient balance");
      throw new HttpError(400, "Insufficient balance");
    }
    return new Admission(info, price, priority);
  }

  /** @param priority whether the segment's gateway may start its session in the ones reserved for priority gateways */
  private record Admission(OrchestratorInfo info, PriceInfo price, boolean priority) {}

  /** Steps 6–8: the body, its hash, then 200 flushed before transcoding. */
  private void receiveBody(HttpServerRequest request, SegmentBody.Reading body, Context context, Job job) {
    String type = request.getHeader("content-type");
    if (type != null && type.startsWith(URI_BODY)) {
      // Only sent when this node offered an object store for uploads, which it never does.
      body.cancel();
      reject(request, new HttpError(400, "BadRequest"));
      return;
    }
    body.body().onComplete(read -> {
      if (read.failed()) {
        if (SegmentBody.Reading.outOfMemory(read.cause())) {
          refuseUnread(request, 503, read.cause().getMessage());
        } else {
          reject(request, new HttpError(500, read.cause().getMessage()));
        }
        return;
      }
      if (!java.util.Arrays.equals(read.result().keccak256(), job.segment().hash())) {
        body.release();
        reply(request.response(), 403, "Forbidden");
        return;
      }
      HttpServerResponse response = request.response().setStatusCode(200);
      if (request.version() != HttpVersion.HTTP_2) {
        response.setChunked(true);
      }
      response.writeHead();
      Transcoding transcoding = new Transcoding(job, read.result().data());
      // A gateway that hung up waits for nothing: its segment is dropped or stopped.
      response.closeHandler(v -> transcoding.cancel());
      response.exceptionHandler(e -> transcoding.cancel());
      sessions.submit(job.segment().sessionId(), job.priority(), transcoding::start)
          .handle((result, error) -> error == null ? result : failure(job, error))
          .whenComplete((result, error) -> {
            body.release();
            context.runOnContext(v -> end(response, job, result, error));
          });
    });
  }

  /** Every reply completes: with the result, or with a failure result if even building that failed. */
  private void end(HttpServerResponse response, Job job, dev.lpnode.wire.net.TranscodeResult result, Throwable error) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (result == null) {
      LOG.error("segment {} of session {}: no result to send", job.segment().seq(), job.segment().sessionId(), error);
      result = dev.lpnode.wire.net.TranscodeResult.newBuilder().setSeq(job.segment().seq())
          .setError("TranscodeError: " + error).setInfo(job.info()).build();
    }
    response.end(Buffer.buffer(result.toByteArray()));
  }

  /**
   * Step 9 for one segment: its transcode, started when the session's queue reaches it with what is left
   * of the gateway's deadline, and stopped when the gateway hangs up.
   */
  private final class Transcoding {
    private final Job job;
    private final byte[] body;
    private TranscodeRequest request;
    private boolean cancelled;

    Transcoding(Job job, byte[] body) {
      this.job = job;
      this.body = body;
    }

    CompletableFuture<dev.lpnode.wire.net.TranscodeResult> start() {
      Segment s = job.segment();
      Duration left = Duration.ofNanos(job.deadline() - System.nanoTime());
      TranscodeRequest started;
      synchronized (this) {
        if (cancelled) {
          return CompletableFuture.failedFuture(new TranscodeException(TranscodeException.Kind.STOPPED));
        }
        if (left.isNegative() || left.isZero()) {
          return CompletableFuture.failedFuture(new TranscodeException(TranscodeException.Kind.TIMEOUT));
        }
        started = new TranscodeRequest(s.sessionId(), s.seq(), body, s.durationMs(), s.profiles(), left);
        request = started;
      }
      long startNanos = System.nanoTime();
      return transcoder.transcode(started)
          .thenComposeAsync(result -> bill(job, result, Duration.ofNanos(System.nanoTime() - startNanos)), blocking);
    }

    void cancel() {
      TranscodeRequest running;
      synchronized (this) {
        cancelled = true;
        running = request;
      }
      if (running != null) {
        transcoder.cancel(running);
      }
    }
  }

  /**
   * Checks, stores and debits; then records the verified work (a synchronous disk write) while the
   * renditions are hashed, each on its own thread, and signed. The answer waits for all of it.
   */
  private CompletableFuture<dev.lpnode.wire.net.TranscodeResult> bill(Job job, TranscodeResult result,
      Duration transcodeTime) {
    Segment s = job.segment();
    verifier.verify(result, s.profiles());
    TranscodeData.Builder data = TranscodeData.newBuilder();
    List<CompletableFuture<byte[]>> hashes = new ArrayList<>();
    for (Rendition r : result.renditions()) {
      String name = r.profile().name();
      String file = s.seq() + r.profile().format().extension();
      store.put(s.sessionId() + "/" + name, file, r.data());
      data.addSegments(TranscodedSegmentData.newBuilder()
          .setUrl(serviceUri + "/stream/" + s.sessionId() + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/" + file)
          .setPixels(r.pixels()));
      hashes.add(CompletableFuture.supplyAsync(() -> Keccak.keccak256(r.data()), blocking));
    }
    long pixels = result.encodedPixels();
    payments.debit(job.sender(), s.sessionId(), job.price(), pixels);
    CompletableFuture<Void> recorded = CompletableFuture.runAsync(() -> workLog.record(SegmentRecord.verified(
        nodeKey.address(), s.sessionId(), job.sender(), s.seq(), BigInteger.valueOf(pixels), Duration.ofMillis(s.durationMs()),
        transcodeTime, fees(job.price(), pixels).floor())), blocking).exceptionally(e -> {
          // The gateway paid and gets its renditions; only this node's record of the work is missing.
          LOG.error("segment {} of session {}: verified work not recorded", s.seq(), s.sessionId(), e);
          return null;
        });
    CompletableFuture<byte[]> signed = CompletableFuture.allOf(hashes.toArray(CompletableFuture[]::new)).thenApply(all -> {
      ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
      hashes.forEach(hash -> concatenated.writeBytes(hash.join()));
      return LivepeerSignatures.sign(nodeKey, concatenated.toByteArray());
    });
    return signed.thenCombine(recorded, (signature, done) -> {
      data.setSig(ByteString.copyFrom(signature));
      metrics.segmentTranscoded(Duration.ofMillis(s.durationMs()), transcodeTime, pixels);
      return dev.lpnode.wire.net.TranscodeResult.newBuilder().setSeq(s.seq()).setData(data).setInfo(job.info()).build();
    });
  }

  private static Rational fees(PriceInfo price, long pixels) {
    if (price.getPixelsPerUnit() <= 0) {
      return Rational.ZERO;
    }
    return Rational.of(price.getPricePerUnit(), price.getPixelsPerUnit()).multiply(Rational.of(pixels));
  }

  private static double approximate(Rational wei) {
    return new java.math.BigDecimal(wei.numerator()).divide(new java.math.BigDecimal(wei.denominator()),
        java.math.MathContext.DECIMAL64).doubleValue();
  }

  /** A segment that did not transcode or failed its check: an error result with go-livepeer's text, never billed. */
  private dev.lpnode.wire.net.TranscodeResult failure(Job job, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message;
    if (cause instanceof RejectedExecutionException) {
      message = "orchestrator is stopping"; // its executors closed under a segment still in flight: nobody's fault
    } else if (notOurOutput(cause)) {
      message = cause.getMessage(); // the input or the load, not this node's output
    } else {
      // This node's output: a failed check (ours, or the engine's OUTPUT_CHECK) says what; anything else is a bug.
      boolean failedCheck = cause instanceof RenditionVerifier.Failed || cause instanceof TranscodeException;
      if (!failedCheck) {
        LOG.error("segment {} of session {} failed", job.segment().seq(), job.segment().sessionId(), cause);
      }
      message = failedCheck ? cause.getMessage() : "TranscodeError: " + cause;
      try {
        workLog.record(SegmentRecord.failed(nodeKey.address(), job.segment().sessionId(), job.sender(), job.segment().seq()));
      } catch (RuntimeException e) {
        LOG.error("segment {} of session {}: failure not recorded", job.segment().seq(), job.segment().sessionId(), e);
      }
    }
    // The metric's error code is the kind, not its details: a client must not be able to mint new series.
    metrics.segmentFailed(cause instanceof TranscodeException e ? e.kind().message() : message);
    return dev.lpnode.wire.net.TranscodeResult.newBuilder()
        .setSeq(job.segment().seq()).setError(message).setInfo(job.info()).build();
  }

  /** Errors of the input or of the load; a rendition failing the engine's own check is this node's fault. */
  private static boolean notOurOutput(Throwable cause) {
    return cause instanceof TranscodeSessions.SessionException
        || cause instanceof TranscodeException e && e.kind() != TranscodeException.Kind.OUTPUT_CHECK;
  }

  private static Payment decodePayment(String header) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(header == null ? "" : header);
    } catch (IllegalArgumentException e) {
      throw new HttpError(402, "base64 decode error: " + e.getMessage());
    }
    try {
      return Payment.parseFrom(raw);
    } catch (InvalidProtocolBufferException e) {
      throw new HttpError(402, "protobuf unmarshal error: " + e.getMessage());
    }
  }

  /**
   * An error answered before the body was read. The unread body is discarded (never kept) so the
   * connection stays usable; a client that sends more than a segment's worth is disconnected.
   */
  private static void reject(HttpServerRequest request, HttpError error) {
    reply(request.response(), error.status, error.getMessage());
    long[] discarded = {0};
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > SegmentLimits.MAX_SEGMENT_BYTES) {
        request.connection().close();
      }
    });
    request.resume();
  }

  /**
   * Refuses before reading the body and stops the client sending it: its HTTP/2 stream is reset (the
   * gateway's other segments on the connection go on), an HTTP/1.1 connection is closed.
   */
  private static void refuseUnread(HttpServerRequest request, int status, String message) {
    UnreadBody.refuse(request, response -> reply(response, status, message));
  }

  /** go-livepeer's {@code http.Error}: the message and a newline as text/plain. */
  private static Future<Void> reply(HttpServerResponse response, int status, String message) {
    return response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }

  /** @param deadline when the gateway gives up on the reply ({@link System#nanoTime()}) */
  private record Job(Segment segment, EthAddress sender, PriceInfo price, OrchestratorInfo info, boolean priority,
      long deadline) {}

  /** An HTTP status and go-livepeer's text for it. */
  private static final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    static HttpError of(Throwable error) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof HttpError e) {
        return e;
      }
      LOG.error("segment admission failed", cause);
      return new HttpError(500, "Internal Server Error");
    }
  }
}
