package dev.lpnode.ledger;

import java.math.BigInteger;

/**
 * What one {@code reward()} call did: the issuance share it was granted (ppb of the round's
 * mintable tokens), the LPT minted for it, the treasury's cut, and what went to the transcoder and
 * its delegators.
 */
public record RewardResult(BigInteger sharePoints, BigInteger minted, BigInteger treasury, BigInteger rewards) {}
