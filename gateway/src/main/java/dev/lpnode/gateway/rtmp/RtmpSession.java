package dev.lpnode.gateway.rtmp;

import dev.lpnode.config.log.ThrottledLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish side of RTMP for one connection: handshake, chunk streams, the NetConnection and
 * NetStream commands a publisher sends ({@code connect}, {@code releaseStream}, {@code FCPublish},
 * {@code createStream}, {@code publish}, {@code FCUnpublish}, {@code deleteStream}), metadata, and
 * audio and video messages, which go to the {@link PublishSink} the {@link PublishHandler} returns.
 * Pure protocol logic: bytes come in through {@link #onData}, bytes and a close request go out
 * through the {@link Transport}. Not thread-safe; a connection's event loop drives it.
 */
final class RtmpSession {
  /** Where the session's output goes. */
  interface Transport {
    void send(byte[] bytes);

    /** Closes the connection after what was sent is flushed. */
    void close();
  }

  private static final Logger LOG = LoggerFactory.getLogger(RtmpSession.class);
  /** Drops are caused by clients: a line per cause per interval. */
  private static final ThrottledLog DROPPED = ThrottledLog.warn(LOG);

  /** What we ask the client to acknowledge, and what we acknowledge (go servers use 2.5 MB, FMS 5 MB). */
  static final int WINDOW_ACK_SIZE = 5_000_000;
  static final int OUT_CHUNK_SIZE = 4096;
  private static final int CONTROL_CSID = 2;
  private static final int COMMAND_CSID = 3;
  private static final int STREAM_CSID = 5;
  private static final int MAX_MESSAGE_STREAMS = 8;

  private enum State { AWAIT_C0C1, AWAIT_C2, CHUNKS, CLOSED }

  private final PublishHandler handler;
  private final Transport transport;
  private final String remoteAddress;
  private final Random random;
  private final LongSupplier uptimeMillis;
  private final ChunkDecoder decoder;

  private State state = State.AWAIT_C0C1;
  private final byte[] handshake = new byte[1 + Handshake.PACKET_SIZE];
  private int handshakeFilled;
  private long acknowledged;
  private int outChunkSize = 128;

  private String app;
  private String tcUrl = "";
  private int messageStreams;
  private PublishSink sink;
  private boolean publishAsked;
  private int publishStreamId;

  RtmpSession(RtmpLimits limits, PublishHandler handler, Transport transport, String remoteAddress, Random random,
      LongSupplier uptimeMillis) {
    this.handler = handler;
    this.transport = transport;
    this.remoteAddress = remoteAddress;
    this.random = random;
    this.uptimeMillis = uptimeMillis;
    this.decoder = new ChunkDecoder(limits);
  }

  boolean publishing() {
    return sink != null;
  }

  boolean closed() {
    return state == State.CLOSED;
  }

  boolean handshakeDone() {
    return state == State.CHUNKS;
  }

  /** Bytes from the client. A protocol error, a refusal or a sink error drops the connection. */
  void onData(byte[] data) {
    if (state == State.CLOSED) {
      return;
    }
    try {
      int pos = 0;
      if (state == State.AWAIT_C0C1) {
        pos = fillHandshake(data, pos, 1 + Handshake.PACKET_SIZE);
        if (handshakeFilled > 0) {
          Handshake.checkVersion(handshake[0]);
        }
        if (handshakeFilled < 1 + Handshake.PACKET_SIZE) {
          return;
        }
        transport.send(Handshake.respond(handshake, random, uptimeMillis.getAsLong()));
        state = State.AWAIT_C2;
        handshakeFilled = 0;
      }
      if (state == State.AWAIT_C2) {
        pos = fillHandshake(data, pos, Handshake.PACKET_SIZE);
        if (handshakeFilled < Handshake.PACKET_SIZE) {
          return;
        }
        state = State.CHUNKS;
      }
      if (pos < data.length) {
        decoder.feed(data, pos, data.length - pos, this::onMessage);
        acknowledge();
      }
    } catch (RtmpProtocolException e) {
      drop("rtmp: protocol error", e.getMessage());
    } catch (PublishException e) {
      drop("rtmp: publish refused", e.getMessage());
    }
  }

  /** The connection is gone, whoever closed it. */
  void onClosed() {
    state = State.CLOSED;
    endPublication();
  }

  private int fillHandshake(byte[] data, int pos, int needed) {
    int n = Math.min(needed - handshakeFilled, data.length - pos);
    System.arraycopy(data, pos, handshake, handshakeFilled, n);
    handshakeFilled += n;
    return pos + n;
  }

  private void onMessage(RtmpMessage m) throws RtmpProtocolException, PublishException {
    switch (m.typeId()) {
      case RtmpMessage.AUDIO -> {
        if (publishing() && m.streamId() == publishStreamId) {
          sink.onAudio(m.timestamp(), m.payload());
        }
      }
      case RtmpMessage.VIDEO -> {
        if (publishing() && m.streamId() == publishStreamId) {
          sink.onVideo(m.timestamp(), m.payload());
        }
      }
      case RtmpMessage.COMMAND_AMF0 -> command(Amf0.decodeAll(m.payload(), 0), m.streamId());
      case RtmpMessage.COMMAND_AMF3 -> command(Amf0.decodeAll(m.payload(), 1), m.streamId());
      case RtmpMessage.DATA_AMF0 -> data(Amf0.decodeAll(m.payload(), 0));
      case RtmpMessage.DATA_AMF3 -> data(Amf0.decodeAll(m.payload(), 1));
      case RtmpMessage.USER_CONTROL -> userControl(m.payload());
      default -> {
        // Acknowledgement, Window Acknowledgement Size, Set Peer Bandwidth, shared objects,
        // aggregates: nothing a publish-only server needs.
      }
    }
  }

  private void command(List<Object> values, int streamId) throws RtmpProtocolException, PublishException {
    if (values.isEmpty() || !(values.get(0) instanceof String name)) {
      throw new RtmpProtocolException("command message without a command name");
    }
    double txn = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
    switch (name) {
      case "connect" -> connect(values, txn);
      case "releaseStream", "FCPublish" -> reply(txn, null, Amf0.UNDEFINED_VALUE);
      case "createStream" -> {
        requireConnected(name);
        if (++messageStreams > MAX_MESSAGE_STREAMS) {
          throw new RtmpProtocolException("more than " + MAX_MESSAGE_STREAMS + " createStream calls");
        }
        reply(txn, null, (double) messageStreams);
      }
      case "publish" -> publish(values, streamId);
      case "FCUnpublish", "deleteStream", "closeStream" -> endPublication();
      default -> LOG.debug("rtmp {}: ignoring command {}", remoteAddress, name);
    }
  }

  private void connect(List<Object> values, double txn) throws RtmpProtocolException {
    if (app != null) {
      throw new RtmpProtocolException("connect sent twice");
    }
    Map<?, ?> properties = values.size() > 2 && values.get(2) instanceof Map<?, ?> m ? m : Map.of();
    app = properties.get("app") instanceof String s ? s : "";
    tcUrl = properties.get("tcUrl") instanceof String s ? s : "";
    send(CONTROL_CSID, RtmpMessage.WINDOW_ACK_SIZE, 0, int32(WINDOW_ACK_SIZE));
    send(CONTROL_CSID, RtmpMessage.SET_PEER_BANDWIDTH, 0, Arrays.copyOf(int32(WINDOW_ACK_SIZE), 5));
    send(CONTROL_CSID, RtmpMessage.SET_CHUNK_SIZE, 0, int32(OUT_CHUNK_SIZE));
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("fmsVer", "FMS/3,0,1,123");
    server.put("capabilities", 31.0);
    Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
    info.put("objectEncoding", 0.0);
    sendCommand(COMMAND_CSID, 0, Amf0.encode("_result", txn, server, info));
  }

  private void publish(List<Object> values, int streamId) throws RtmpProtocolException {
    requireConnected("publish");
    if (publishAsked) {
      throw new RtmpProtocolException("publish while already publishing");
    }
    if (streamId < 1 || streamId > messageStreams) {
      throw new RtmpProtocolException("publish on message stream " + streamId + ", which createStream never returned");
    }
    String streamName = values.size() > 3 && values.get(3) instanceof String s ? s : "";
    publishAsked = true;
    handler.onPublish(new PublishRequest(app, streamName, tcUrl, remoteAddress)).onComplete(accepted -> {
      if (state == State.CLOSED) {
        if (accepted.succeeded()) {
          accepted.result().onEnd(); // the client left while it was decided
        }
      } else if (accepted.failed()) {
        String reason = String.valueOf(accepted.cause().getMessage());
        sendCommand(STREAM_CSID, streamId, Amf0.encode("onStatus", 0.0, null, status("error", "NetStream.Publish.BadName", reason)));
        drop("rtmp: publish refused", reason);
      } else {
        started(accepted.result(), streamId, streamName);
      }
    });
  }

  private void started(PublishSink accepted, int streamId, String streamName) {
    sink = accepted;
    publishStreamId = streamId;
    byte[] streamBegin = new byte[6]; // event 0, then the stream ID
    System.arraycopy(int32(streamId), 0, streamBegin, 2, 4);
    send(CONTROL_CSID, RtmpMessage.USER_CONTROL, 0, streamBegin);
    Map<String, Object> info = status("status", "NetStream.Publish.Start", streamName + " is now published.");
    info.put("details", streamName);
    sendCommand(STREAM_CSID, streamId, Amf0.encode("onStatus", 0.0, null, info));
    LOG.info("rtmp {}: publishing app={} name={}", remoteAddress, app, streamName);
  }

  private void data(List<Object> values) throws PublishException {
    if (!publishing() || values.isEmpty()) {
      return;
    }
    int at = "@setDataFrame".equals(values.get(0)) ? 1 : 0;
    if (values.size() > at + 1 && "onMetaData".equals(values.get(at)) && values.get(at + 1) instanceof Map<?, ?> m) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      m.forEach((k, v) -> metadata.put(String.valueOf(k), v));
      sink.onMetadata(metadata);
    }
  }

  private void userControl(byte[] payload) {
    int pingRequest = 6;
    if (payload.length >= 6 && (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) == pingRequest) {
      byte[] response = payload.clone();
      response[1] = 7; // ping response, same timestamp
      send(CONTROL_CSID, RtmpMessage.USER_CONTROL, 0, response);
    }
  }

  private void requireConnected(String command) throws RtmpProtocolException {
    if (app == null) {
      throw new RtmpProtocolException(command + " before connect");
    }
  }

  private void reply(double txn, Object... values) {
    if (txn > 0) {
      Object[] all = new Object[values.length + 2];
      all[0] = "_result";
      all[1] = txn;
      System.arraycopy(values, 0, all, 2, values.length);
      sendCommand(COMMAND_CSID, 0, Amf0.encode(all));
    }
  }

  private void acknowledge() {
    long received = decoder.bytesReceived();
    if (received - acknowledged >= WINDOW_ACK_SIZE) {
      acknowledged = received;
      send(CONTROL_CSID, RtmpMessage.ACKNOWLEDGEMENT, 0, int32((int) received)); // wraps at 4 GiB, as specified
    }
  }

  private void sendCommand(int csid, int streamId, byte[] amf) {
    send(csid, RtmpMessage.COMMAND_AMF0, streamId, amf);
  }

  private void send(int csid, int typeId, int streamId, byte[] payload) {
    transport.send(ChunkEncoder.encode(csid, typeId, streamId, payload, outChunkSize));
    if (typeId == RtmpMessage.SET_CHUNK_SIZE) {
      outChunkSize = OUT_CHUNK_SIZE; // the client reads everything after it at the new size
    }
  }

  private void drop(String cause, String reason) {
    DROPPED.log(cause, "{}: dropping connection: {}", remoteAddress, reason);
    state = State.CLOSED;
    endPublication();
    transport.close();
  }

  private void endPublication() {
    PublishSink ending = sink;
    sink = null;
    if (ending != null) {
      publishAsked = false;
      ending.onEnd();
    }
  }

  private static Map<String, Object> status(String level, String code, String description) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("level", level);
    info.put("code", code);
    info.put("description", description);
    return info;
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
