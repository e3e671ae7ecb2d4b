package dev.lpnode.ledger;

import java.math.BigInteger;

/**
 * The current round's issuance: supply, active stake, the inflation controller's state, the
 * tokens mintable and minted so far, the treasury cut (1e27 base), and the work-weighting inputs
 * fixed at round initialization.
 */
public record IssuanceInfo(
    long round,
    BigInteger totalSupply,
    BigInteger totalActiveStake,
    BigInteger inflation,
    BigInteger mintableTokens,
    BigInteger mintedTokens,
    BigInteger treasuryRewardCutRate,
    long workAlpha,
    BigInteger totalWork) {}
