package dev.lpnode.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's operator API over HTTP: its calls, and its Prometheus metrics ({@code -monitor}) read as a scraper reads them. */
public final class OperatorApi {
  /** HTTP/1.1: the JDK client's h2c upgrade can leave a response body hanging. */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private OperatorApi() {}

  /**
   * The orchestrator's {@code livepeer_transcode_time_seconds}: segments transcoded and the time
   * they took, from the engine call to its renditions (worker hand-off and queueing included).
   */
  public record TranscodeTotals(long count, double seconds) {
    public TranscodeTotals minus(TranscodeTotals earlier) {
      return new TranscodeTotals(count - earlier.count, seconds - earlier.seconds);
    }

    /** The mean in milliseconds; NaN without segments. */
    public double meanMillis() {
      return count == 0 ? Double.NaN : 1000 * seconds / count;
    }
  }

  /** GET /metrics on the node's operator API. */
  public static String scrape(int cliPort) throws IOException, InterruptedException {
    HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cliPort + "/metrics")));
    if (response.statusCode() != 200) {
      throw new IOException("GET /metrics: " + response.statusCode());
    }
    return response.body();
  }

  /** A request to a node's operator API, answered in full within 30 s. */
  public static HttpResponse<String> call(HttpRequest.Builder request) throws IOException, InterruptedException {
    try {
      return HTTP.sendAsync(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(request.build().uri() + ": " + e, e);
    }
  }

  /** The orchestrator's transcode totals in a scrape; zero before its first segment. */
  public static TranscodeTotals orchestratorTranscodes(String scrape) {
    return timer(scrape, "livepeer_transcode_time", "orch");
  }

  /**
   * A timer's totals in a scrape: {@code name} is the metric less its {@code _seconds} suffix, {@code
   * nodeType} go-livepeer's label ({@code orch}, {@code trcr} for a remote transcoder…); zero until it counts.
   */
  public static TranscodeTotals timer(String scrape, String name, String nodeType) {
    Matcher sum = series(name + "_seconds_sum", nodeType).matcher(scrape);
    Matcher count = series(name + "_seconds_count", nodeType).matcher(scrape);
    if (!sum.find() || !count.find()) {
      return new TranscodeTotals(0, 0);
    }
    return new TranscodeTotals((long) Double.parseDouble(count.group(1)), Double.parseDouble(sum.group(1)));
  }

  /** The sum of every series named {@code name} in a scrape (0 when there is none). */
  public static double sum(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** A series of {@code name} with the node_type label {@code nodeType}, its value in group 1. */
  private static Pattern series(String name, String nodeType) {
    return Pattern.compile(name + "\\{[^}]*node_type=\"" + nodeType + "\"[^}]*} ([0-9.Ee+-]+)");
  }
}
