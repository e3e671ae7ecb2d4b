/**
 * Transcoding ladders: {@link dev.lpnode.config.ladder.VideoProfile}, lpms's built-in presets and
 * go-livepeer's JSON ladder format.
 */
package dev.lpnode.config.ladder;
