package dev.lpnode.payments.recipient;

import dev.lpnode.payments.chain.Chain;

/**
 * When ticket params expire (protocol.md §5.4, §5.9).
 *
 * <p>A winning ticket is redeemed only once its params have expired: redeeming reveals its
 * recipientRand, and a sender who knows it can run the win test itself and, while the params are
 * still accepted, send only the tickets that lose. The broker, though, refuses a ticket once {@code
 * creationRound + ticketValidityPeriod ≤ currentRound}. go-livepeer's params live 40 L1 blocks,
 * longer than that window when rounds are short (under about 42 blocks for 2 rounds), and then
 * every winning ticket expires unpaid. So params expire 40 blocks after they are issued or {@link
 * #REDEMPTION_BLOCKS} before the broker's window for their creation round closes, whichever comes
 * first: both properties hold for any round length that {@link #requireRedeemable} accepts.
 */
public final class ParamsExpiry {
  /** go-livepeer's lifetime of params, in L1 blocks. */
  public static final long MAX_VALIDITY_BLOCKS = 40;
  /** Blocks between params' expiry and the close of the broker's window, in which the ticket is redeemed. */
  public static final long REDEMPTION_BLOCKS = 3;
  /** The shortest lifetime of params a round length may force: a gateway needs a few blocks to pay with them. */
  public static final long MIN_VALIDITY_BLOCKS = 4;

  private ParamsExpiry() {}

  /** The expiration block of params issued now with {@code creationRound}. */
  static long expirationBlock(Chain chain, long creationRound) {
    long windowCloses = chain.rounds().roundStartBlock(creationRound + chain.broker().ticketValidityPeriod());
    return Math.min(chain.blocks().latestL1Block() + MAX_VALIDITY_BLOCKS, windowCloses - REDEMPTION_BLOCKS);
  }

  /**
   * Checks that params issued in the last block of a round still live {@link #MIN_VALIDITY_BLOCKS}.
   *
   * @throws IllegalArgumentException saying which round length would do
   */
  public static void requireRedeemable(long roundLength, long ticketValidityPeriod) {
    // Issued at the last block of round c, params have until round c + validity starts, less the redemption's blocks.
    long shortest = (ticketValidityPeriod - 1) * roundLength + 1 - REDEMPTION_BLOCKS;
    if (shortest >= MIN_VALIDITY_BLOCKS) {
      return;
    }
    String advice = ticketValidityPeriod < 2 ? "no round length fits a ticket validity period under 2 rounds"
        : "use a round length of at least " + ceilDiv(MIN_VALIDITY_BLOCKS + REDEMPTION_BLOCKS - 1, ticketValidityPeriod - 1) + " blocks";
    throw new IllegalArgumentException("a round length of " + roundLength + " blocks is too short to redeem winning tickets:"
        + " the broker refuses them " + ticketValidityPeriod + " rounds after their creation round, and they are redeemed only"
        + " once their params expire, which would leave params " + shortest + " blocks (at least " + MIN_VALIDITY_BLOCKS
        + " are needed); " + advice);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
