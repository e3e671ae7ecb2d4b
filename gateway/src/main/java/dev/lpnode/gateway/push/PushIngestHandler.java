package dev.lpnode.gateway.push;

import dev.lpnode.config.ladder.LadderException;
import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.gateway.ingest.Rendition;
import dev.lpnode.gateway.ingest.SegmentException;
import dev.lpnode.gateway.ingest.SourceSegment;
import dev.lpnode.gateway.ingest.StreamConfig;
import dev.lpnode.gateway.ingest.TranscodeConfiguration;
import dev.lpnode.gateway.media.MediaFormatException;
import dev.lpnode.gateway.media.SegmentProbe;
import dev.lpnode.gateway.stream.LiveStream;
import dev.lpnode.gateway.stream.SegmentPipeline;
import dev.lpnode.gateway.stream.StreamAdmission;
import dev.lpnode.gateway.stream.StreamRegistry;
import dev.lpnode.gateway.stream.StreamRejectedException;
import dev.lpnode.http.BoundedBody;
import dev.lpnode.http.ByteBudget;
import dev.lpnode.http.UnreadBody;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-livepeer's HTTP push ingest, {@code PUT|POST /live/<manifestID>/<seq>.ts|.mp4}: a segment per
 * request, with go-livepeer's headers, checks, status codes and error texts. The body is read up
 * to a cap, probed with FFmpeg on the media workers (422 if unreadable), handed to the segment
 * pipeline, and answered with the renditions as {@code multipart/mixed} when the client accepts it.
 *
 * <p>Two deliberate refinements: the sequence number is the number the file name ends with (so
 * ffmpeg's default {@code index7.ts} is 7, where go-livepeer reads 0), and without a
 * {@code Content-Duration} header the probed duration is used instead of a flat 2000 ms. Two
 * additions: the bodies held at once, over all requests, are capped by a {@link ByteBudget} (past
 * it a request gets 503 and its connection is closed, its body unread), and a body must arrive
 * within {@link #bodyDeadline}, so that neither many large uploads nor slow ones cost the node.
 */
public final class PushIngestHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(PushIngestHandler.class);
  private static final ThrottledLog REFUSED = ThrottledLog.warn(LOG);
  private static final long DEFAULT_DURATION_MS = 2000;
  /** The longest a body may take, whatever duration it declares: a slower upload cannot be live. */
  static final Duration MAX_BODY_DEADLINE = Duration.ofSeconds(60);
  /** Input codecs go-livepeer accepts (FfmpegNameToVideoCodec). */
  private static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp8", "vp9", "av1");

  private final StreamRegistry registry;
  private final StreamAdmission admission;
  private final SegmentPipeline pipeline;
  private final WorkerExecutor media;
  private final List<VideoProfile> defaultLadder;
  private final long maxBodyBytes;
  private final ByteBudget buffered;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param maxBodyBytes     largest body of one request (go-livepeer's MaxSegSize)
   * @param buffered       the body bytes held at once over all requests being read or processed
   */
  public PushIngestHandler(StreamRegistry registry, StreamAdmission admission, SegmentPipeline pipeline,
      WorkerExecutor media, List<VideoProfile> defaultLadder, long maxBodyBytes, ByteBudget buffered) {
    this.registry = registry;
    this.admission = admission;
    this.pipeline = pipeline;
    this.media = media;
    this.defaultLadder = List.copyOf(defaultLadder);
    this.maxBodyBytes = maxBodyBytes;
    this.buffered = buffered;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpServerResponse res = ctx.response();
    if (req.method() != HttpMethod.PUT && req.method() != HttpMethod.POST) {
      error(res, 405, "http push request wrong method=" + req.method() + " url=" + req.uri() + " host=" + req.authority());
      return;
    }
    TranscodeConfiguration config = null;
    String header = req.getHeader(TranscodeConfiguration.HEADER);
    if (header != null && !header.isEmpty()) {
      try {
        config = TranscodeConfiguration.parse(header);
      } catch (IllegalArgumentException e) {
        error(res, 400, "failed to parse transcode config header: " + quote(e.getMessage()));
        return;
      }
    }
    TranscodeConfiguration parsed = config;
    long headerDuration = parseLong(req.getHeader("Content-Duration"), -1);
    BoundedBody body = BoundedBody.read(ctx.vertx(), req, maxBodyBytes, buffered, bodyDeadline(headerDuration));
    body.body().onComplete(read -> {
      if (read.failed()) {
        refused(req, read.cause());
      } else {
        segment(req, res, parsed, read.result(), headerDuration, System.nanoTime()).onComplete(done -> body.release());
      }
    });
  }

  /**
   * How long a body may take to arrive: go-livepeer's segment timeout, max(8 s, 4 × the declared
   * duration or 2 s), at most {@link #MAX_BODY_DEADLINE}; so a client that trickles is dropped,
   * whatever its rate.
   */
  static Duration bodyDeadline(long declaredDurationMs) {
    long durationMs = declaredDurationMs > 0 ? declaredDurationMs : DEFAULT_DURATION_MS;
    return Duration.ofMillis(Math.min(MAX_BODY_DEADLINE.toMillis(), Math.max(SegmentPipeline.MIN_TIMEOUT_MS, 4 * durationMs)));
  }

  /** A body that was not read whole: answered (unless the connection is gone), the rest left unread. */
  private static void refused(HttpServerRequest req, Throwable cause) {
    if (!(cause instanceof BoundedBody.RefusedException refused)) {
      LOG.debug("push {}: {}", req.uri(), cause.toString());
      return;
    }
    switch (refused.refusal()) {
      case TOO_BIG -> closeAfter(req, 500, "Error reading http request body: input bigger than max buffer size");
      case NO_MEMORY -> closeAfter(req, 503, "too many segment bytes being received at once; try again");
      case TIMEOUT -> closeAfter(req, 500, "Error reading http request body: not received in time");
    }
  }

  /** Answers before the rest of the body is read, and stops the client sending it. */
  private static void closeAfter(HttpServerRequest req, int status, String message) {
    UnreadBody.refuse(req, res -> error(res, status, message));
  }

  /** Completes when nothing holds the body any more: refused, or through the pipeline. */
  private Future<Void> segment(HttpServerRequest req, HttpServerResponse res, TranscodeConfiguration config, byte[] body,
      long headerDuration, long receivedNanos) {
    String path = req.path();
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot);
    VideoProfile.Format format = switch (ext) {
      case ".ts" -> VideoProfile.Format.MPEGTS;
      case ".mp4" -> VideoProfile.Format.MP4;
      default -> null;
    };
    if (format == null) {
      // ffmpeg's HLS muxer uploads its playlist too; go-livepeer ignores it this way.
      error(res, 400, "ignoring file extension: " + ext);
      return Future.succeededFuture();
    }
    String[] parts = path.split("/");
    String urlManifest = parts.length == 4 && parts[1].equals("live") ? parts[2] : "";
    String manifestId = config != null && !config.manifestId().isEmpty() ? config.manifestId() : urlManifest;
    if (!StreamRegistry.validManifestId(manifestId)) {
      error(res, 400, "Bad URL url=" + req.uri());
      return Future.succeededFuture();
    }
    long seq = sequenceNumber(fileName.substring(0, dot));
    String url = "http://" + req.authority() + path;
    // Asked before the probe, so a refused stream costs no decoding.
    return admission.push(manifestId, url).transform(admitted -> {
      if (admitted.failed()) {
        return error(res, 403, "Could not create stream ID: url=" + req.uri());
      }
      return probeAndSubmit(req, res, config, body, receivedNanos, admitted.result(), seq, headerDuration, format);
    });
  }

  private Future<Void> probeAndSubmit(HttpServerRequest req, HttpServerResponse res, TranscodeConfiguration header,
      byte[] body, long receivedNanos, StreamAdmission.Admitted admitted, long seq, long headerDuration,
      VideoProfile.Format format) {
    // The header's configuration overrides the webhook's, as in go-livepeer.
    TranscodeConfiguration config = header != null ? header : admitted.config().orElse(null);
    String manifestId = header != null && !header.manifestId().isEmpty() ? header.manifestId() : admitted.manifestId();
    return media.executeBlocking(() -> SegmentProbe.probe(body), false).transform(probed -> {
      if (probed.failed()) {
        if (!(probed.cause() instanceof MediaFormatException)) {
          REFUSED.log("push: probe failed", "{}: {}", req.uri(), probed.cause());
        }
        error(res, 422, "Error getting codec info url=" + req.uri());
        return Future.succeededFuture();
      }
      SegmentProbe.Result probe = probed.result();
      if (!probe.zeroFrame() && !VIDEO_CODECS.contains(probe.videoCodec())) {
        error(res, 422, "Unknown input stream codec=" + probe.videoCodec());
        return Future.succeededFuture();
      }
      LiveStream stream;
      try {
        stream = registry.pushStream(manifestId,
            () -> new StreamConfig(manifestId, config == null ? defaultLadder : config.ladder(defaultLadder)));
      } catch (StreamRejectedException | LadderException e) {
        REFUSED.log("push: stream refused", "{}: {}", req.uri(), e.getMessage());
        error(res, 500, "Could not create stream ID: url=" + req.uri());
        return Future.succeededFuture();
      }
      long durationMs = headerDuration > 0 ? headerDuration : probe.durationMs() > 0 ? probe.durationMs() : DEFAULT_DURATION_MS;
      SourceSegment segment = new SourceSegment(stream.config(), seq, body, durationMs, format, probe.media(),
          probe.videoCodec(), probe.zeroFrame());
      return pipeline.submit(stream, Future.succeededFuture(segment), receivedNanos).transform(done -> {
        registry.touch(stream);
        if (done.failed()) {
          respondFailure(req, res, manifestId, done.cause());
        } else {
          respond(req, res, seq, done.result());
        }
        return Future.<Void>succeededFuture();
      });
    });
  }

  private void respondFailure(HttpServerRequest req, HttpServerResponse res, String manifestId, Throwable e) {
    SegmentException.Kind kind = SegmentException.kindOf(e);
    if (kind == SegmentException.Kind.NO_SESSIONS) {
      error(res, 503, "No sessions available");
    } else {
      error(res, kind.httpStatus(), "http push error processing segment url=" + req.uri() + " manifestID=" + manifestId
          + " err=" + quote(e.getMessage()));
    }
  }

  private void respond(HttpServerRequest req, HttpServerResponse res, long seq, List<Rendition> renditions) {
    if (renditions.isEmpty()) {
      error(res, 503, "No sessions available");
      return;
    }
    if (!"multipart/mixed".equals(req.getHeader("Accept"))) {
      res.setStatusCode(200).end();
      return;
    }
    String boundary = HexFormat.of().formatHex(randomBytes()); // 20 hex digits, as go-livepeer's RandName
    List<Buffer> parts = Multipart.write(boundary, seq, renditions);
    res.putHeader("Content-Type", "multipart/mixed; boundary=" + boundary)
        .putHeader("Content-Length", String.valueOf(parts.stream().mapToLong(Buffer::length).sum()))
        .setStatusCode(200);
    parts.forEach(res::write);
    res.end();
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The number the name ends with ({@code 12} and {@code index12} give 12); 0 if none, as go-livepeer. */
  static long sequenceNumber(String baseName) {
    int start = baseName.length();
    while (start > 0 && Character.isDigit(baseName.charAt(start - 1))) {
      start--;
    }
    return parseLong(baseName.substring(start), 0);
  }

  private static long parseLong(String s, long fallback) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return fallback;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Go's http.Error: the text and a newline, as plain text. */
  private static Future<Void> error(HttpServerResponse res, int status, String message) {
    if (status >= 500) {
      REFUSED.log("push: " + status, "{}", message);
    }
    return res.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(message + "\n");
  }

  /** Go's %q for the messages we quote. */
  private static String quote(String s) {
    return "\"" + String.valueOf(s).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
