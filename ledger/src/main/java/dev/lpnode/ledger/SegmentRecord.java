package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * One segment an orchestrator transcoded, as it reports it to the ledger after verifying the
 * output: who paid ({@code sender}), which segment ({@code sessionId}, {@code seqNo}), whether
 * the output passed verification, and for verified output the pixels produced, the media duration,
 * the time the transcode took and the fee charged. Recording the same segment twice counts once.
 */
public record SegmentRecord(
    EthAddress orchestrator,
    String sessionId,
    EthAddress sender,
    long seqNo,
    Outcome outcome,
    BigInteger pixels,
    Duration mediaDuration,
    Duration transcodeTime,
    BigInteger fees) {

  /** Whether the transcoded output passed verification. */
  public enum Outcome {
    VERIFIED,
    FAILED
  }

  private static final int MAX_SESSION_ID = 256;

  public SegmentRecord {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(outcome, "outcome");
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID) {
      throw new IllegalArgumentException("session id must have 1 to " + MAX_SESSION_ID + " characters");
    }
    if (seqNo < 0) {
      throw new IllegalArgumentException("segment sequence number must not be negative: " + seqNo);
    }
    if (pixels.signum() < 0 || fees.signum() < 0 || mediaDuration.isNegative() || transcodeTime.isNegative()) {
      throw new IllegalArgumentException("pixels, fees and durations must not be negative");
    }
  }

  /** A segment whose output passed verification. */
  public static SegmentRecord verified(EthAddress orchestrator, String sessionId, EthAddress sender, long seqNo,
      BigInteger pixels, Duration mediaDuration, Duration transcodeTime, BigInteger fees) {
    return new SegmentRecord(orchestrator, sessionId, sender, seqNo, Outcome.VERIFIED, pixels, mediaDuration, transcodeTime, fees);
  }

  /** A segment whose output failed verification (or was not produced): it counts against the success rate. */
  public static SegmentRecord failed(EthAddress orchestrator, String sessionId, EthAddress sender, long seqNo) {
    return new SegmentRecord(orchestrator, sessionId, sender, seqNo, Outcome.FAILED, BigInteger.ZERO, Duration.ZERO, Duration.ZERO, BigInteger.ZERO);
  }
}
