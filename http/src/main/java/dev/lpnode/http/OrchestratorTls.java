package dev.lpnode.http;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;

/**
 * How clients (gateways, remote transcoders) reach an orchestrator's public port, as go-livepeer's
 * do: TLS with ALPN h2, any certificate trusted (orchestrators' certificates are self-signed;
 * go-livepeer's InsecureSkipVerify).
 */
public final class OrchestratorTls {
  /**
   * HTTP/2 stream receive window, so a segment or rendition download takes a few flow-control round
   * trips rather than one per 64 KiB. The connection's window stays at HTTP/2's 64 KiB: raising it
   * with Vert.x 5.0 (setHttp2ConnectionWindowSize, or setWindowSize on the connection) stalled
   * responses in the gateway's TranscodingProcessorTest, for a cause not found.
   */
  private static final int STREAM_WINDOW = 4 << 20;

  private OrchestratorTls() {}

  /** HTTP/2 over TLS, trusting any certificate; BoringSSL when its natives load, else the JDK's engine. */
  public static HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setInitialSettings(new Http2Settings().setInitialWindowSize(STREAM_WINDOW))
        .setSsl(true)
        .setTrustAll(true)
        .setVerifyHost(false)
        .setUseAlpn(true)
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setProtocolVersion(HttpVersion.HTTP_2);
  }
}
