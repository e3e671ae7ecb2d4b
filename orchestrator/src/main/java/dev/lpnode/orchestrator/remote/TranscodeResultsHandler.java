package dev.lpnode.orchestrator.remote;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.http.BoundedBody;
import dev.lpnode.http.ByteBudget;
import dev.lpnode.http.UnreadBody;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /transcodeResults}: a remote transcoder's renditions for a task (multipart/mixed, one
 * part per profile) or its error ({@code livepeer/transcoding-error}), with go-livepeer's statuses
 * and texts. Everything about the request is checked before its body is read, and the body is held
 * within a byte budget shared by all uploads; a result for a task that is not open (never sent,
 * answered or being answered, given up) is refused unread.
 */
final class TranscodeResultsHandler implements Handler<HttpServerRequest> {
  private static final ThrottledLog REFUSED = ThrottledLog.warn(LoggerFactory.getLogger(TranscodeResultsHandler.class));
  static final String AUTHORIZATION = "Livepeer-Transcoder-1.0";
  static final String ERROR_TYPE = "livepeer/transcoding-error";
  /** go-livepeer's cap on a result part; the whole body is held to it here. */
  static final long MAX_BODY_BYTES = 300_000_000L;
  private static final Duration BODY_DEADLINE = Duration.ofSeconds(30);
  /** The MPEG-7 signature parts that follow renditions when a perceptual hash was asked for. */
  private static final String SIGNATURE_TYPE = "application/octet-stream";

  private final Vertx vertx;
  private final SharedSecret secret;
  private final RemoteTasks tasks;
  private final ByteBudget budget;

  TranscodeResultsHandler(Vertx vertx, SharedSecret secret, RemoteTasks tasks, ByteBudget budget) {
    this.vertx = vertx;
    this.secret = secret;
    this.tasks = tasks;
    this.budget = budget;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (!AUTHORIZATION.equals(request.getHeader("Authorization")) || !secret.matches(request.getHeader("Credentials"))) {
      refuse(request, 401, "Unauthorized");
      return;
    }
    String contentType = request.getHeader("Content-Type");
    boolean error = contentType != null && contentType.split(";")[0].trim().equalsIgnoreCase(ERROR_TYPE);
    Optional<String> boundary = MultipartMixed.boundary(contentType);
    if (!error && boundary.isEmpty()) {
      refuse(request, 415, "Unsupported Media Type");
      return;
    }
    Optional<Long> taskId = number(request.getHeader("TaskId"));
    if (taskId.isEmpty()) {
      refuse(request, 400, "Invalid Task ID");
      return;
    }
    Optional<Long> pixels = number(request.getHeader("Pixels"));
    if (!error && pixels.isEmpty()) {
      refuse(request, 400, "Invalid Pixels");
      return;
    }
    Optional<RemoteTasks.Task> task = tasks.claim(taskId.get());
    if (task.isEmpty()) {
      refuse(request, 400, "Invalid Task ID");
      return;
    }
    BoundedBody body = BoundedBody.read(vertx, request, MAX_BODY_BYTES, budget, BODY_DEADLINE);
    body.body().onComplete(read -> {
      try {
        if (read.failed()) {
          task.get().result().completeExceptionally(new RemoteFault("its result could not be read: " + read.cause().getMessage()));
          if (read.cause() instanceof BoundedBody.RefusedException) {
            refuse(request, 500, "result body refused: " + read.cause().getMessage());
          }
          return;
        }
        RemoteResult result = error
            ? RemoteResult.failed(new String(read.result(), StandardCharsets.UTF_8))
            : renditions(read.result(), boundary.get(), pixels.get());
        task.get().result().complete(result);
        text(request, 200, "OK");
      } catch (MultipartMixed.MalformedException e) {
        task.get().result().completeExceptionally(new RemoteFault("its result is not a valid multipart body: " + e.getMessage()));
        text(request, 500, e.getMessage());
      } finally {
        body.release();
      }
    });
  }

  private static RemoteResult renditions(byte[] body, String boundary, long decodedPixels) throws MultipartMixed.MalformedException {
    List<RemoteResult.Part> parts = new ArrayList<>();
    for (MultipartMixed.Part part : MultipartMixed.parse(body, boundary)) {
      String type = part.header("content-type").orElse("");
      if (type.equalsIgnoreCase(SIGNATURE_TYPE)) {
        continue;
      }
      long pixels = number(part.header("pixels").orElse(null))
          .orElseThrow(() -> new MultipartMixed.MalformedException("part " + (parts.size() + 1) + ": Invalid Pixels"));
      parts.add(new RemoteResult.Part(type, pixels, part.body()));
    }
    return new RemoteResult(decodedPixels, parts, null);
  }

  private static Optional<Long> number(String header) {
    try {
      long value = Long.parseLong(header == null ? "" : header.trim());
      return value < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void refuse(HttpServerRequest request, int status, String text) {
    REFUSED.log("/transcodeResults refused: " + status + " " + text, "from {}", request.remoteAddress());
    UnreadBody.refuse(request, response -> response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8").end(text));
  }

  private static void text(HttpServerRequest request, int status, String text) {
    request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
  }
}
