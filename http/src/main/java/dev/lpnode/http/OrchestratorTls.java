package dev.lpnode.http;

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
  private OrchestratorTls() {}

  /** HTTP/2 over TLS, trusting any certificate; BoringSSL when its natives load, else the JDK's engine. */
  public static HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setSsl(true)
        .setTrustAll(true)
        .setVerifyHost(false)
        .setUseAlpn(true)
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setProtocolVersion(HttpVersion.HTTP_2);
  }
}
