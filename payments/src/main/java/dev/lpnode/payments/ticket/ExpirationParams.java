package dev.lpnode.payments.ticket;

import dev.lpnode.wire.net.TicketExpirationParams;
import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The round a ticket was created in and that round's block hash: the contract only redeems a
 * ticket while {@code creationRound + ticketValidityPeriod > currentRound} and the hash matches.
 */
public record ExpirationParams(long creationRound, Bytes32 creationRoundBlockHash) {
  public static final ExpirationParams NONE = new ExpirationParams(0, Bytes32.ZERO);

  public ExpirationParams {
    Objects.requireNonNull(creationRoundBlockHash, "creationRoundBlockHash");
  }

  /**
   * The ticket's auxData: {@code u256(creationRound) ‖ creationRoundBlockHash} (64 bytes), or empty
   * when the round is 0 and the hash is zero, as go-livepeer emits it. Like go-livepeer, a negative
   * round (only a malformed peer sends one) is encoded by its absolute value.
   */
  public byte[] auxData() {
    if (creationRound == 0 && creationRoundBlockHash.isZero()) {
      return new byte[0];
    }
    byte[] out = new byte[64];
    Uint256.writeTo(BigInteger.valueOf(creationRound).abs(), out, 0);
    creationRoundBlockHash.copyTo(out, 32);
    return out;
  }

  /** Absent or empty protobuf fields read as round 0 and a zero hash. */
  public static ExpirationParams fromProto(TicketExpirationParams p) {
    return new ExpirationParams(p.getCreationRound(), Bytes32.fromWire(p.getCreationRoundBlockHash().toByteArray()));
  }

  public TicketExpirationParams toProto() {
    return TicketExpirationParams.newBuilder()
        .setCreationRound(creationRound)
        .setCreationRoundBlockHash(ByteString.copyFrom(creationRoundBlockHash.toBytes()))
        .build();
  }
}
