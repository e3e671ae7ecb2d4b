package dev.lpnode.gateway.rtmp;

/**
 * One reassembled RTMP message.
 *
 * @param typeId    message type (see the constants)
 * @param streamId  message stream ID
 * @param timestamp milliseconds, 32 bits unsigned as on the wire
 * @param payload   the message body
 */
public record RtmpMessage(int typeId, int streamId, long timestamp, byte[] payload) {
  public static final int SET_CHUNK_SIZE = 1;
  public static final int ABORT = 2;
  public static final int ACKNOWLEDGEMENT = 3;
  public static final int USER_CONTROL = 4;
  public static final int WINDOW_ACK_SIZE = 5;
  public static final int SET_PEER_BANDWIDTH = 6;
  public static final int AUDIO = 8;
  public static final int VIDEO = 9;
  public static final int DATA_AMF3 = 15;
  public static final int COMMAND_AMF3 = 17;
  public static final int DATA_AMF0 = 18;
  public static final int COMMAND_AMF0 = 20;
}
