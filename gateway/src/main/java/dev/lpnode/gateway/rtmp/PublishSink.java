package dev.lpnode.gateway.rtmp;

import java.util.Map;

/**
 * Receives one publication's media, on the connection's event loop. Audio and video payloads are
 * FLV tag bodies, as RTMP carries them. Throwing ends the publication and drops the client.
 */
public interface PublishSink {
  void onMetadata(Map<String, Object> metadata) throws PublishException;

  void onAudio(long timestamp, byte[] payload) throws PublishException;

  void onVideo(long timestamp, byte[] payload) throws PublishException;

  /** The publication is over (unpublish, disconnect or error); called once. */
  void onEnd();
}
