package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** A transcoder's registration: rates (ppm), total stake and activity. */
public record TranscoderInfo(
    EthAddress address,
    boolean registered,
    boolean active,
    long rewardCut,
    long feeShare,
    BigInteger totalStake,
    long lastRewardRound,
    long lastFeeRound,
    long activationRound,
    long deactivationRound) {}
