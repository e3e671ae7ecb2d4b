package dev.lpnode.transcoder;

/**
 * What a decoder finds in a media file.
 *
 * @param videoCodec     FFmpeg's name of the video codec ("h264"), empty without video
 * @param audioCodec     FFmpeg's name of the audio codec ("aac"), empty without audio
 * @param width          width of the first decoded frame
 * @param height         height of the first decoded frame
 * @param frames         decoded video frames
 * @param pixels         Σ width × height over the decoded frames (what go-livepeer's pixel check counts)
 * @param keyframeFirst  whether the first decoded frame is a keyframe (an IDR for H.264 outputs of ours)
 * @param keyframes      decoded keyframes
 * @param durationMs     from the first video timestamp to the end of the last frame
 */
public record MediaInfo(
    String videoCodec, String audioCodec, int width, int height, long frames, long pixels, boolean keyframeFirst,
    long keyframes, long durationMs) {}
