package dev.lpnode.orchestrator.remote;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.transcoder.Rendition;
import dev.lpnode.transcoder.TranscodeException;
import dev.lpnode.transcoder.TranscodeRequest;
import dev.lpnode.transcoder.TranscodeResult;
import dev.lpnode.transcoder.Transcoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The orchestrator's own check of a remote transcoder's result, before anything is billed or recorded
 * as verified work: one rendition per profile in its container, each decoded by this node's engine (a
 * segment with no profiles is decoded only, in a worker process) to recount its frames and pixels,
 * which must be exactly what the transcoder claims and no larger per frame than the profile allows
 * (its larger side squared: the other side follows the input's aspect ratio). What is billed is the
 * recount.
 */
final class RemoteResultCheck {
  /** lpms clamps an output's width up to 146 (the H.264 encoder's minimum). */
  private static final long MIN_SIDE = 146;
  private final Transcoder decoder;

  RemoteResultCheck(Transcoder decoder) {
    this.decoder = decoder;
  }

  /** The checked result; a {@link RemoteFault} naming what differs when the transcoder's result is wrong. */
  CompletableFuture<TranscodeResult> check(long taskId, TranscodeRequest request, RemoteResult result, Duration left) {
    List<VideoProfile> profiles = request.profiles();
    if (result.parts().size() != profiles.size()) {
      return CompletableFuture.failedFuture(new RemoteFault("returned " + result.parts().size() + " renditions for "
          + profiles.size() + " profiles"));
    }
    List<CompletableFuture<Rendition>> renditions = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      renditions.add(recount(taskId, i, profiles.get(i), result.parts().get(i), request.durationMs(), left));
    }
    return CompletableFuture.allOf(renditions.toArray(CompletableFuture[]::new))
        .thenApply(done -> new TranscodeResult(renditions.stream().map(CompletableFuture::join).toList(), 0,
            result.decodedPixels()))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof CompletionException c ? c.getCause() : e));
  }

  private CompletableFuture<Rendition> recount(long taskId, int index, VideoProfile profile, RemoteResult.Part part,
      long durationMs, Duration left) {
    String expectedType = profile.format() == VideoProfile.Format.MP4 ? "video/mp4" : "video/mp2t";
    if (!expectedType.equals(part.contentType())) {
      return CompletableFuture.failedFuture(new RemoteFault("rendition " + profile.name() + " is " + part.contentType()
          + ", expected " + expectedType));
    }
    String session = "verify-" + taskId + "-" + index;
    TranscodeRequest decodeOnly = new TranscodeRequest(session, index, part.data(), durationMs, List.of(), left);
    return decoder.transcode(decodeOnly)
        .whenComplete((r, e) -> decoder.endSession(session))
        .handle((decoded, failure) -> {
          Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
          if (cause instanceof TranscodeException e && (e.kind() == TranscodeException.Kind.TIMEOUT
              || e.kind() == TranscodeException.Kind.STOPPED)) {
            throw e; // this node ran out of time: not the transcoder's fault
          }
          if (cause != null || decoded.decodedFrames() == 0) {
            throw new RemoteFault("rendition " + profile.name() + " is not decodable"
                + (cause == null ? "" : " (" + cause.getMessage() + ")"));
          }
          if (decoded.decodedPixels() != part.pixels()) {
            throw new RemoteFault("rendition " + profile.name() + ": the transcoder claimed " + part.pixels()
                + " pixels, decoding it found " + decoded.decodedPixels());
          }
          long side = Math.max(MIN_SIDE, Math.max(profile.width(), profile.height()));
          if (decoded.decodedPixels() > side * side * decoded.decodedFrames()) {
            throw new RemoteFault("rendition " + profile.name() + " has frames larger than " + side + "x" + side);
          }
          return new Rendition(profile, 0, 0, decoded.decodedFrames(), decoded.decodedPixels(), part.data());
        });
  }
}
