package dev.lpnode.gateway.segmenter;

/**
 * One audio frame or video access unit on the stream's timeline.
 *
 * @param video    true for video, false for audio
 * @param dts      decode time, ms
 * @param pts      presentation time, ms (equal to dts for audio)
 * @param keyframe an access unit decoding can start at (always true for audio)
 * @param data     H.264 length-prefixed NAL units, or one raw AAC frame
 */
public record MediaPacket(boolean video, long dts, long pts, boolean keyframe, byte[] data) {}
