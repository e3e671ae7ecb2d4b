package dev.lpnode.orchestrator.testing;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
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
    MethodDescriptor<Q, R> descriptor = descriptor(MethodDescriptor.MethodType.UNARY, "net.Orchestrator/" + method, parser);
    return ClientCalls.blockingUnaryCall(channel, descriptor, CallOptions.DEFAULT.withDeadlineAfter(8, TimeUnit.SECONDS), request);
  }

  /**
   * Starts a server-streaming call ({@code fullMethod} as {@code service/method}) whose messages and
   * end go to {@code listener}; the returned call cancels it.
   */
  public <Q extends MessageLite, R extends MessageLite> ClientCall<Q, R> serverStream(String fullMethod, Q request,
      Parser<R> parser, ClientCall.Listener<R> listener) {
    ClientCall<Q, R> call = channel.newCall(descriptor(MethodDescriptor.MethodType.SERVER_STREAMING, fullMethod, parser),
        CallOptions.DEFAULT);
    call.start(listener, new Metadata());
    call.sendMessage(request);
    call.halfClose();
    call.request(Integer.MAX_VALUE);
    return call;
  }

  private static <Q extends MessageLite, R extends MessageLite> MethodDescriptor<Q, R> descriptor(
      MethodDescriptor.MethodType type, String fullMethod, Parser<R> parser) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(type)
        .setFullMethodName(fullMethod)
        .setRequestMarshaller(new Marshaller<>(null))
        .setResponseMarshaller(new Marshaller<>(parser))
        .build();
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
