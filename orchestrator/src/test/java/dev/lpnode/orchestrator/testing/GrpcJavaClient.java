package dev.lpnode.orchestrator.testing;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * grpc-java, an implementation independent of ours, dialing the orchestrator as a go-livepeer
 * gateway does: TLS without certificate verification, ALPN h2 required.
 */
public final class GrpcJavaClient implements AutoCloseable {
  private final ManagedChannel channel;

  public GrpcJavaClient(String host, int port) {
    try {
      channel = NettyChannelBuilder.forAddress(host, port)
          .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public <Q extends MessageLite, R extends MessageLite> R call(String method, Q request, Parser<R> parser) {
    MethodDescriptor<Q, R> descriptor = MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("net.Orchestrator/" + method)
        .setRequestMarshaller(new Marshaller<>(null))
        .setResponseMarshaller(new Marshaller<>(parser))
        .build();
    return ClientCalls.blockingUnaryCall(channel, descriptor, CallOptions.DEFAULT.withDeadlineAfter(8, TimeUnit.SECONDS), request);
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  private record Marshaller<T extends MessageLite>(Parser<T> parser) implements MethodDescriptor.Marshaller<T> {
    @Override
    public InputStream stream(T value) {
      return new ByteArrayInputStream(value.toByteArray());
    }

    @Override
    public T parse(InputStream stream) {
      try {
        return parser.parseFrom(stream);
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }
}
