package dev.lpnode.gateway.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtmpSessionTest {
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private boolean closed;
  private final List<String> events = new ArrayList<>();
  private PublishRequest request;

  private final PublishSink sink = new PublishSink() {
    @Override
    public void onMetadata(Map<String, Object> metadata) {
      events.add("metadata " + metadata.get("width"));
    }

    @Override
    public void onAudio(long timestamp, byte[] payload) {
      events.add("audio " + timestamp + " " + payload.length);
    }

    @Override
    public void onVideo(long timestamp, byte[] payload) throws PublishException {
      if (payload.length == 0) {
        throw new PublishException("segmenter refuses");
      }
      events.add("video " + timestamp + " " + payload.length);
    }

    @Override
    public void onEnd() {
      events.add("end");
    }
  };

  private RtmpSession session(PublishHandler handler) {
    return new RtmpSession(RtmpLimits.DEFAULT, handler, new RtmpSession.Transport() {
      @Override
      public void send(byte[] bytes) {
        sent.writeBytes(bytes);
      }

      @Override
      public void close() {
        closed = true;
      }
    }, "test-client", new Random(1), () -> 0);
  }

  private RtmpSession accepting() {
    return session(r -> {
      request = r;
      return Future.succeededFuture(sink);
    });
  }

  private static byte[] handshake() {
    byte[] c = new byte[1 + 2 * Handshake.PACKET_SIZE]; // C0, C1 (zero version), C2
    c[0] = 3;
    return c;
  }

  private static byte[] command(int streamId, Object... values) {
    return new ChunkWriter().message(streamId == 0 ? 3 : 8, 0, RtmpMessage.COMMAND_AMF0, streamId,
        Amf0.encode(values), 128).toByteArray();
  }

  private static byte[] connect() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("app", "live");
    props.put("tcUrl", "rtmp://127.0.0.1/live");
    return command(0, "connect", 1.0, props);
  }

  /** Server messages from what it sent after the handshake (the server writes 128-byte chunks, then 4096). */
  private List<RtmpMessage> replies() throws Exception {
    byte[] all = sent.toByteArray();
    List<RtmpMessage> out = new ArrayList<>();
    ChunkDecoder d = new ChunkDecoder(RtmpLimits.DEFAULT);
    int start = 1 + 2 * Handshake.PACKET_SIZE;
    d.feed(all, start, all.length - start, out::add);
    return out;
  }

  private List<List<Object>> commandReplies() throws Exception {
    List<List<Object>> commands = new ArrayList<>();
    for (RtmpMessage m : replies()) {
      if (m.typeId() == RtmpMessage.COMMAND_AMF0) {
        commands.add(Amf0.decodeAll(m.payload(), 0));
      }
    }
    return commands;
  }

  @Test
  void walksAPublisherThroughConnectCreateStreamAndPublish() throws Exception {
    RtmpSession session = accepting();
    byte[] hs = handshake();
    session.onData(java.util.Arrays.copyOf(hs, 700)); // the handshake may arrive in pieces
    session.onData(java.util.Arrays.copyOfRange(hs, 700, hs.length));
    assertThat(sent.size()).isEqualTo(1 + 2 * Handshake.PACKET_SIZE);

    session.onData(connect());
    session.onData(command(0, "releaseStream", 2.0, null, "key"));
    session.onData(command(0, "FCPublish", 3.0, null, "key"));
    session.onData(command(0, "createStream", 4.0, null));
    session.onData(command(1, "publish", 5.0, null, "key?token=1", "live"));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("width", 640.0);
    session.onData(new ChunkWriter()
        .message(4, 0, RtmpMessage.DATA_AMF0, 1, Amf0.encode("@setDataFrame", "onMetaData", meta), 128)
        .message(6, 40, RtmpMessage.VIDEO, 1, new byte[300], 128)
        .message(4, 23, RtmpMessage.AUDIO, 1, new byte[20], 128)
        .toByteArray());
    session.onData(command(1, "FCUnpublish", 6.0, null, "key"));

    assertThat(session.publishing()).isFalse();
    assertThat(closed).isFalse();
    assertThat(request).isEqualTo(new PublishRequest("live", "key?token=1", "rtmp://127.0.0.1/live", "test-client"));
    assertThat(events).containsExactly("metadata 640.0", "video 40 300", "audio 23 20", "end");
    List<List<Object>> commands = commandReplies();
    assertThat(commands.get(0).get(0)).isEqualTo("_result");
    assertThat(commands.get(0).get(1)).isEqualTo(1.0);
    assertThat(((Map<?, ?>) commands.get(0).get(3)).get("code")).isEqualTo("NetConnection.Connect.Success");
    assertThat(commands).anySatisfy(c -> assertThat(c).containsExactly("_result", 4.0, null, 1.0));
    assertThat(commands).anySatisfy(c -> {
      assertThat(c.get(0)).isEqualTo("onStatus");
      assertThat(((Map<?, ?>) c.get(3)).get("code")).isEqualTo("NetStream.Publish.Start");
    });
    assertThat(replies()).extracting(RtmpMessage::typeId).contains(RtmpMessage.WINDOW_ACK_SIZE,
        RtmpMessage.SET_PEER_BANDWIDTH, RtmpMessage.USER_CONTROL);
  }

  @Test
  void tellsARefusedPublisherWhyAndDropsIt() throws Exception {
    RtmpSession session = session(r -> Future.failedFuture(new PublishException("Manifest already exists: key")));
    session.onData(handshake());
    session.onData(connect());
    session.onData(command(0, "createStream", 2.0, null));
    session.onData(command(1, "publish", 3.0, null, "key", "live"));

    assertThat(closed).isTrue();
    assertThat(commandReplies()).filteredOn(c -> "onStatus".equals(c.get(0))).singleElement().satisfies(c -> {
      Map<?, ?> info = (Map<?, ?>) c.get(3);
      assertThat(info.get("level")).isEqualTo("error");
      assertThat(info.get("code")).isEqualTo("NetStream.Publish.BadName");
      assertThat(info.get("description")).isEqualTo("Manifest already exists: key");
    });
  }

  @Test
  void dropsAPublisherWhoseMediaTheSinkRefuses() throws Exception {
    RtmpSession session = accepting();
    session.onData(handshake());
    session.onData(connect());
    session.onData(command(0, "createStream", 2.0, null));
    session.onData(command(1, "publish", 3.0, null, "key", "live"));
    session.onData(new ChunkWriter().message(6, 0, RtmpMessage.VIDEO, 1, new byte[0], 128).toByteArray());

    assertThat(closed).isTrue();
    assertThat(session.closed()).isTrue();
    assertThat(events).containsExactly("end");
  }

  @Test
  void dropsProtocolViolations() {
    List<byte[]> violations = List.of(
        command(0, "createStream", 2.0, null),                      // before connect
        command(1, "publish", 2.0, null, "key", "live"),            // before connect
        new ChunkWriter().message(3, 0, RtmpMessage.COMMAND_AMF0, 0, new byte[] {0x42, 1, 2}, 128).toByteArray(),
        new ChunkWriter().message(3, 0, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode(12.0), 128).toByteArray());
    for (byte[] violation : violations) {
      closed = false;
      RtmpSession session = accepting();
      session.onData(handshake());
      session.onData(violation);
      assertThat(closed).as("dropped after %d bytes of violation", violation.length).isTrue();
      session.onData(connect()); // ignored once closed
      assertThat(session.publishing()).isFalse();
    }
  }

  @Test
  void publishingOnAStreamNeverCreatedIsAViolation() {
    RtmpSession session = accepting();
    session.onData(handshake());
    session.onData(connect());
    session.onData(command(7, "publish", 2.0, null, "key", "live"));
    assertThat(closed).isTrue();
    assertThat(request).isNull();
  }

  @Test
  void answersPingsAndAcknowledgesTheWindow() throws Exception {
    RtmpSession session = accepting();
    session.onData(handshake());
    session.onData(connect());
    session.onData(new ChunkWriter().message(2, 0, RtmpMessage.USER_CONTROL, 0, new byte[] {0, 6, 0, 0, 1, 2}, 128)
        .toByteArray());
    byte[] big = new ChunkWriter().message(2, 0, 0x7F, 0, new byte[60_000], 128).toByteArray();
    for (int i = 0; i < 90; i++) { // 5.4 MB of an unknown message type: ignored, but counted
      session.onData(big);
    }

    List<RtmpMessage> replies = replies();
    assertThat(replies).anySatisfy(m -> {
      assertThat(m.typeId()).isEqualTo(RtmpMessage.USER_CONTROL);
      assertThat(m.payload()).containsExactly(0, 7, 0, 0, 1, 2);
    });
    assertThat(replies).anySatisfy(m -> assertThat(m.typeId()).isEqualTo(RtmpMessage.ACKNOWLEDGEMENT));
    assertThat(closed).isFalse();
  }
}
