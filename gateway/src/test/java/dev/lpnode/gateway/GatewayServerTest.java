package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.gateway.ingest.PassthroughProcessor;
import dev.lpnode.gateway.support.RunningGateway;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class GatewayServerTest {
  @Test
  void failsCleanlyWhenAnAddressIsTakenAndReleasesItsPortsOnStop() throws Exception {
    int rtmpPort;
    int httpPort;
    try (RunningGateway first = new RunningGateway()) {
      rtmpPort = first.server.rtmpPort();
      httpPort = first.server.httpPort();
      Vertx vertx = Vertx.vertx();
      try {
        GatewayOptions clash = GatewayOptions.builder(new PassthroughProcessor())
            .rtmpAddr(new ListenAddress("127.0.0.1", rtmpPort))
            .httpAddr(new ListenAddress("127.0.0.1", 0))
            .build();
        assertThatThrownBy(() -> GatewayServer.start(vertx, clash).toCompletionStage().toCompletableFuture().get())
            .isInstanceOf(ExecutionException.class).hasMessageContaining("Address already in use");
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get();
      }
      assertThat(first.get("/stream/none.m3u8").statusCode()).isEqualTo(404); // the first one is unaffected
    }
    for (int port : new int[] {rtmpPort, httpPort}) {
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void stopClosesOpenConnections() throws Exception {
    Socket client;
    try (RunningGateway gateway = new RunningGateway()) {
      client = new Socket("127.0.0.1", gateway.server.rtmpPort());
      client.getOutputStream().write(3); // the start of a handshake
      client.getOutputStream().flush();
      Thread.sleep(200);
    }
    try (Socket s = client) {
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }
}
