package dev.lpnode.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The deadlines and the logging every port shares, against a real TLS server (HTTP/2 and HTTP/1.1
 * by ALPN, as the orchestrator's public port) and a plain one (as the gateway's and the operator
 * API), with clients that trickle, stay idle, or send garbage.
 */
class PortGuardTest {
  private static final PortDeadlines DEADLINES = new PortDeadlines(Duration.ofSeconds(1), Duration.ofSeconds(1),
      Duration.ofSeconds(30));
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

  private final Vertx vertx = Vertx.vertx();
  private HttpServer tls;
  private HttpServer plain;

  @BeforeEach
  void start() throws Exception {
    Router router = Router.router(vertx);
    router.get("/hello").handler(ctx -> ctx.response().end("hello"));
    router.get("/boom").handler(ctx -> {
      throw new IllegalStateException("a route that throws on what the client sent");
    });
    PortGuard.routerFailures(router, "test");
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    tls = await(PortGuard.create(vertx, "test", new HttpServerOptions().setSsl(true).setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setKeyCertOptions(certificate.keyCertOptions()).setHost("127.0.0.1").setPort(0), DEADLINES, router).listen());
    plain = await(PortGuard.create(vertx, "test", new HttpServerOptions().setHost("127.0.0.1").setPort(0), DEADLINES,
        router).listen());
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aTlsHandshakeThatTricklesIsCut() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tls.actualPort())) {
      assertClosedWithin(s, Duration.ofSeconds(5), out -> {
        out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}); // a TLS record header for a ClientHello...
        trickle(out, 200); // ...whose body never comes
      });
    }
  }

  @Test
  void http11HeadersThatTrickleAreCutOnEveryPort() throws Exception {
    for (Socket s : List.of(tlsSocket("http/1.1"), new Socket("127.0.0.1", plain.actualPort()))) {
      try (s) {
        assertClosedWithin(s, Duration.ofSeconds(5), out -> {
          out.write("GET /hello HTTP/1.1\r\nHost: x\r\n".getBytes());
          trickle(out, 100);
        });
      }
    }
  }

  @Test
  void aKeptAliveHttp11ConnectionWaitsForItsNextRequestButNotForItsHead() throws Exception {
    try (Socket s = new Socket("127.0.0.1", plain.actualPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200").endsWith("hello");
      Thread.sleep(3 * DEADLINES.requestHead().toMillis()); // silent: the idle timeout's business
      out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
      assertClosedWithin(s, Duration.ofSeconds(5), o -> {
        o.write("GET /hello HTTP/1.1\r\n".getBytes());
        trickle(o, 100);
      });
    }
  }

  @Test
  void anHttp2ClientThatTricklesItsPrefaceOrAHeaderBlockIsCut() throws Exception {
    try (SSLSocket s = tlsSocket("h2")) {
      assertClosedWithin(s, Duration.ofSeconds(5), out -> trickle(out, 100)); // bytes, but never the preface
    }
    try (SSLSocket s = tlsSocket("h2")) {
      assertClosedWithin(s, Duration.ofSeconds(5), out -> {
        out.write(PREFACE);
        out.write(EMPTY_SETTINGS);
        out.write(new byte[] {0, 0, 100, 1, 4, 0, 0, 0, 1}); // HEADERS of 100 bytes on stream 1...
        trickle(out, 200); // ...a byte at a time
      });
    }
  }

  @Test
  void anIdleHttp2ConnectionStaysOpenForLaterRequests() throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    CompletableFuture<Void> closed = new CompletableFuture<>();
    HttpConnection first = get(client).request().connection();
    first.closeHandler(v -> closed.complete(null));
    // Longer than the request head deadline, with the client's own frames (SETTINGS ack, window updates) in between.
    Thread.sleep(3 * DEADLINES.requestHead().toMillis());
    assertThat(closed).isNotDone();
    assertThat(get(client).request().connection()).isSameAs(first);
  }

  @Test
  void badRequestsOfEveryKindCostAFewLogLines() throws Exception {
    AtomicLong bytes = new AtomicLong();
    AtomicInteger traces = new AtomicInteger();
    AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        bytes.addAndGet(e.getFormattedMessage().length() + 40);
        if (e.getThrowableProxy() != null) {
          traces.incrementAndGet();
        }
      }
    };
    counter.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(counter);
    List<String> requests = List.of(
        "GET /live/%u002e/0.ts HTTP/1.1\r\nHost: x\r\n\r\n", // malformed escape (was a 4.4 KB trace each)
        "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n", // a route that throws
        "GARBAGE\r\n\r\n", // not HTTP
        "GET /hello HTTP/1.1\r\nHost: x\r\nX: " + "y".repeat(10_000) + "\r\n\r\n"); // header too large
    int sent = 0;
    try {
      for (int round = 0; round < 250; round++) {
        for (String request : requests) {
          try (Socket s = new Socket("127.0.0.1", plain.actualPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(s.getInputStream())).matches("(?s)HTTP/1\\.[01] (400|431|500) .*");
            sent++;
          }
        }
        try (Socket s = new Socket("127.0.0.1", tls.actualPort())) { // garbage on the TLS port
          s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
          s.setSoTimeout(10_000);
          s.getInputStream().readAllBytes();
          sent++;
        } catch (SocketException reset) {
          sent++;
        }
      }
    } finally {
      root.detachAppender(counter);
    }
    assertThat(sent).isEqualTo(1250);
    assertThat(traces.get()).isZero();
    // 1,250 bad requests of five kinds: a line per kind and interval, not per request (100,000 would add ≤ 1 MB).
    assertThat(bytes.get()).isLessThan(5_000);
  }

  @Test
  void wellEscapedPathsAreOnlyThoseWithTwoHexDigitsAfterEachPercent() {
    assertThat(PortGuard.wellEscaped("/live/a%20b/0.ts")).isTrue();
    assertThat(PortGuard.wellEscaped("/live/plain")).isTrue();
    assertThat(PortGuard.wellEscaped("/live/%u002e/0.ts")).isFalse();
    assertThat(PortGuard.wellEscaped("/live/%2")).isFalse();
    assertThat(PortGuard.wellEscaped("/live/%")).isFalse();
  }

  private io.vertx.core.http.HttpClientResponse get(HttpClient client) throws Exception {
    io.vertx.core.http.HttpClientResponse[] response = new io.vertx.core.http.HttpClientResponse[1];
    String body = await(client.request(HttpMethod.GET, tls.actualPort(), "127.0.0.1", "/hello")
        .compose(req -> req.send().compose(res -> {
          response[0] = res;
          return res.body();
        })).map(Object::toString));
    assertThat(body).isEqualTo("hello");
    assertThat(response[0].version()).isEqualTo(HttpVersion.HTTP_2);
    return response[0];
  }

  private interface Sending {
    void send(OutputStream out) throws Exception;
  }

  /** Asserts that the server closes the connection within {@code limit} while the client sends. */
  private static void assertClosedWithin(Socket s, Duration limit, Sending sending) throws Exception {
    long started = System.nanoTime();
    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
      try {
        sending.send(s.getOutputStream());
      } catch (Exception closed) {
        // the server closed the connection
      }
    });
    s.setSoTimeout((int) limit.toMillis());
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // what the server says before it closes
      }
    } catch (SocketException reset) {
      // closed too
    } catch (SocketTimeoutException e) {
      throw new AssertionError("still open after " + limit);
    } finally {
      s.close();
      sender.get(10, TimeUnit.SECONDS);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
  }

  /** One byte every 200 ms for 20 s: each byte would reset an idle timeout. */
  private static void trickle(OutputStream out, int value) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      out.write(value);
      out.flush();
      Thread.sleep(200);
    }
  }

  private static String readResponse(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    int contentLength = -1;
    int headEnd = -1;
    while (true) {
      if (headEnd < 0) {
        headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
      }
      if (headEnd >= 0 && text.length() >= headEnd + 4 + contentLength) {
        return text.toString();
      }
      int n = in.read(buffer);
      if (n < 0) {
        return text.toString();
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
  }

  private SSLSocket tlsSocket(String protocol) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tls.actualPort());
    SSLParameters parameters = s.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {protocol});
    s.setSSLParameters(parameters);
    s.startHandshake();
    return s;
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
