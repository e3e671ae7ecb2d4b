package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * What an orchestrator's badge states in {@code round}: its stake tier and stake ({@link StakeTiers}),
 * and its verified-work record over rounds {@code fromRound..round} (the governed {@code
 * routingWindow}, the rounds its routing weight looks at): segments recorded as verified and as
 * failed, pixels of the verified ones, and the success rate, verified over all, in ppm (0 when it
 * recorded none). The orchestrator signs {@link #canonical()}.
 */
public record StakeBadge(EthAddress orchestrator, long round, int tier, BigInteger stake, long fromRound,
    long verifiedSegments, long failedSegments, BigInteger pixels, long successRatePpm) {
  /** The first line of {@link #canonical()}: which encoding this is. */
  public static final String VERSION = "lpnode-stake-badge-v1";
  private static final long PPM = 1_000_000;

  /** The badge of {@code orchestrator} with {@code stake} and the {@code work} it recorded since {@code fromRound}. */
  public static StakeBadge of(EthAddress orchestrator, long round, BigInteger stake, NetworkParameters params,
      long fromRound, WorkTotals work) {
    long all = work.verifiedSegments() + work.failedSegments();
    long rate = all == 0 ? 0 : BigInteger.valueOf(work.verifiedSegments()).multiply(BigInteger.valueOf(PPM))
        .divide(BigInteger.valueOf(all)).longValueExact();
    return new StakeBadge(orchestrator, round, StakeTiers.tier(stake, params), stake, fromRound, work.verifiedSegments(),
        work.failedSegments(), work.pixels(), rate);
  }

  /** The rounds of verified work a badge in {@code round} covers start here. */
  public static long fromRound(long round, NetworkParameters params) {
    return Math.max(0, round - params.routingWindow() + 1);
  }

  /**
   * The signed bytes: US-ASCII lines {@code name=value} ending in {@code \n}, in this order, after
   * the line {@value #VERSION}: orchestrator (lower-case 0x hex), round, tier, stake (LPT wei),
   * fromRound, verifiedSegments, failedSegments, pixels, successRatePpm, all decimal integers.
   */
  public byte[] canonical() {
    String text = VERSION + "\n"
        + "orchestrator=" + orchestrator.toHex() + "\n"
        + "round=" + round + "\n"
        + "tier=" + tier + "\n"
        + "stake=" + stake + "\n"
        + "fromRound=" + fromRound + "\n"
        + "verifiedSegments=" + verifiedSegments + "\n"
        + "failedSegments=" + failedSegments + "\n"
        + "pixels=" + pixels + "\n"
        + "successRatePpm=" + successRatePpm + "\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
