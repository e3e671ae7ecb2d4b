package dev.lpnode.remote;

import dev.lpnode.orchestrator.server.SelfSignedCertificate;
import dev.lpnode.wire.RecountedResults;
import dev.lpnode.wire.net.NotifySegment;
import dev.lpnode.wire.net.RegisterRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's side of protocol.md §8, as a test harness: TLS with ALPN h2 on one port, the
 * {@code net.Transcoder/RegisterTranscoder} server stream (refusing a wrong secret with {@code
 * invalid secret} and a capacity ≤ 0 with {@code zero capacity}), inputs at {@code
 * /stream/<session>/<seq>.tempfile}, and {@code POST /transcodeResults} checked and parsed as
 * go-livepeer's orchestrator parses it.
 */
public final class OrchestratorHarness implements AutoCloseable {
  private static final ServiceMethod<RegisterRequest, NotifySegment> REGISTER = ServiceMethod.server(
      ServiceName.create("net", "Transcoder"), "RegisterTranscoder", GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(RegisterRequest.getDefaultInstance()));

  /** One part of a result body. */
  public record Part(String contentType, long contentLength, long pixels, byte[] data) {}

  /** A POST /transcodeResults as received. */
  public record Result(MultiMap headers, String mediaType, List<Part> parts, String errorText) {}

  public final BlockingQueue<RegisterRequest> registrations = new LinkedBlockingQueue<>();
  /** Completed when the current stream ends (the transcoder cancelled or closed it). */
  public volatile CompletableFuture<Void> streamEnded = new CompletableFuture<>();
  private final Map<Long, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
  private final Map<String, byte[]> inputs = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final String secret;
  private final boolean sendHeaders;
  /** Whether registrations are answered as our orchestrator answers them: it decodes every result itself. */
  public volatile boolean recountsResults;
  private final HttpServer server;
  private volatile GrpcServerResponse<RegisterRequest, NotifySegment> stream;

  /**
   * @param sendHeaders whether a registration is answered with response headers at once (as ours
   *                    should), or only with the first segment (as go-livepeer's orchestrator does)
   */
  private OrchestratorHarness(Vertx vertx, String secret, boolean sendHeaders, SelfSignedCertificate certificate, int port) {
    this.vertx = vertx;
    this.secret = secret;
    this.sendHeaders = sendHeaders;
    GrpcServer grpc = GrpcServer.server(vertx);
    grpc.callHandler(REGISTER, call -> call.handler(request -> {
      registrations.add(request);
      GrpcServerResponse<RegisterRequest, NotifySegment> response = call.response();
      if (!request.getSecret().equals(secret)) {
        response.status(GrpcStatus.UNKNOWN).statusMessage("invalid secret").end();
      } else if (request.getCapacity() <= 0) {
        response.status(GrpcStatus.UNKNOWN).statusMessage("zero capacity").end();
      } else {
        CompletableFuture<Void> ended = streamEnded;
        call.errorHandler(e -> ended.complete(null)); // the transcoder cancelled the stream
        call.exceptionHandler(e -> ended.complete(null));
        call.connection().closeHandler(v -> ended.complete(null));
        stream = response;
        if (sendHeaders) {
          if (recountsResults) {
            response.headers().set(RecountedResults.HEADER, RecountedResults.VALUE);
          }
          response.writeHead();
        }
      }
    }));
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setSsl(true).setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certPem()))
            .setKeyValue(Buffer.buffer(certificate.keyPem())));
    this.server = await(vertx.createHttpServer(options).requestHandler(request -> {
      String type = request.getHeader("content-type");
      if (type != null && type.startsWith("application/grpc")) {
        grpc.handle(request);
      } else {
        http(request);
      }
    }).listen());
  }

  public static OrchestratorHarness start(Vertx vertx, String secret, boolean sendHeaders, Path dir) {
    return new OrchestratorHarness(vertx, secret, sendHeaders, SelfSignedCertificate.generate("127.0.0.1", dir), 0);
  }

  /** The same orchestrator started again on the port it had (after {@link #close}). */
  public OrchestratorHarness restart(Path dir) {
    return new OrchestratorHarness(vertx, secret, sendHeaders, SelfSignedCertificate.generate("127.0.0.1", dir), port());
  }

  public int port() {
    return server.actualPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  /** Serves {@code segment} as the input of a task and returns its URL. */
  public String serve(String session, long seq, byte[] segment) {
    String path = "/stream/" + session + "/" + seq + ".tempfile";
    inputs.put(path, segment);
    return "https://" + address() + path;
  }

  /** A URL whose request is never answered. */
  public String hangingUrl() {
    return "https://" + address() + "/hang/1.tempfile";
  }

  public CompletableFuture<Result> result(long taskId) {
    return results.computeIfAbsent(taskId, id -> new CompletableFuture<>());
  }

  public boolean hasStream() {
    return stream != null;
  }

  public void send(NotifySegment segment) {
    GrpcServerResponse<RegisterRequest, NotifySegment> current = stream;
    vertx.runOnContext(v -> current.write(segment));
  }

  private void http(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/transcodeResults") && request.method().name().equals("POST")) {
      request.body().onSuccess(body -> transcodeResults(request, body));
    } else if (path.startsWith("/hang/")) {
      // never answered
    } else if (inputs.containsKey(path)) {
      request.response().end(Buffer.buffer(inputs.get(path)));
    } else {
      request.response().setStatusCode(404).end("404 page not found\n");
    }
  }

  /** go-livepeer's TranscodeResults: auth, media type, task ID, then the parts. */
  private void transcodeResults(HttpServerRequest request, Buffer body) {
    MultiMap headers = request.headers();
    if (!"Livepeer-Transcoder-1.0".equals(headers.get("Authorization")) || !secret.equals(headers.get("Credentials"))) {
      request.response().setStatusCode(401).end("Unauthorized\n");
      return;
    }
    String contentType = headers.get("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    long taskId;
    try {
      taskId = Long.parseLong(headers.get("TaskId"));
    } catch (NumberFormatException e) {
      request.response().setStatusCode(400).end("Invalid Task ID\n");
      return;
    }
    if (mediaType.equals("livepeer/transcoding-error")) {
      request.response().end("OK");
      result(taskId).complete(new Result(headers, mediaType, List.of(), body.toString(StandardCharsets.UTF_8)));
      return;
    }
    try {
      Long.parseLong(headers.get("Pixels"));
    } catch (NumberFormatException e) {
      request.response().setStatusCode(400).end("Invalid Pixels\n");
      return;
    }
    String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    List<Part> parts = parseMultipart(body.getBytes(), boundary);
    request.response().end("OK");
    result(taskId).complete(new Result(headers, mediaType, parts, null));
  }

  /** A strict reading of Go's multipart layout: each part's body is exactly its Content-Length. */
  static List<Part> parseMultipart(byte[] body, String boundary) {
    List<Part> parts = new ArrayList<>();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String open = "--" + boundary + "\r\n";
    String delimiter = "\r\n--" + boundary;
    if (!text.startsWith(open)) {
      throw new IllegalStateException("body does not start with the boundary");
    }
    int headersStart = open.length();
    while (true) {
      int headersEnd = text.indexOf("\r\n\r\n", headersStart);
      Map<String, String> partHeaders = new LinkedHashMap<>();
      for (String line : text.substring(headersStart, headersEnd).split("\r\n")) {
        int colon = line.indexOf(':');
        partHeaders.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(partHeaders.get("Content-Length"));
      int dataStart = headersEnd + 4;
      parts.add(new Part(partHeaders.get("Content-Type"), length, Long.parseLong(partHeaders.get("Pixels")),
          Arrays.copyOfRange(body, dataStart, dataStart + length)));
      int end = dataStart + length;
      if (!text.startsWith(delimiter, end)) {
        throw new IllegalStateException("part " + parts.size() + " is not followed by the boundary");
      }
      int rest = end + delimiter.length();
      if (text.startsWith("--\r\n", rest)) {
        return parts;
      }
      if (!text.startsWith("\r\n", rest)) {
        throw new IllegalStateException("malformed boundary after part " + parts.size());
      }
      headersStart = rest + 2;
    }
  }

  @Override
  public void close() {
    await(server.close());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
