package dev.lpnode.transcoder;

import dev.lpnode.config.ladder.VideoProfile;

/**
 * One produced rendition of a segment.
 *
 * @param profile the requested profile
 * @param width   encoded width (0 when the segment had no video and was passed through)
 * @param height  encoded height
 * @param frames  frames in the output, exactly what a decoder of {@code data} counts
 * @param pixels  {@code frames × width × height}: the billed and verified pixel count
 * @param data    the complete output file (MPEG-TS or MP4)
 */
public record Rendition(VideoProfile profile, int width, int height, long frames, long pixels, byte[] data) {}
