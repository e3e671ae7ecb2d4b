package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;
import static dev.lpnode.ledger.PercMath.PPB;

import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** Livepeer's Minter: the inflation controller, the round's mintable tokens, and minting rewards. */
final class Minter {
  private final LedgerState state;
  private final Balances balances;

  Minter(LedgerState state, Balances balances) {
    this.state = state;
    this.balances = balances;
  }

  MinterState stored() {
    return state.get(MinterState.KIND, "");
  }

  /**
   * Moves inflation one step toward the target bonding rate, then fixes the round's mintable
   * tokens: {@code supply · inflation / 1e9}.
   */
  void setCurrentRewardTokens(BigInteger totalBonded, NetworkParameters params) {
    MinterState m = stored();
    BigInteger supply = m.lptSupply;
    BigInteger bondingRate = supply.signum() > 0 ? PPB.points(totalBonded, supply) : BigInteger.ZERO;
    int vsTarget = bondingRate.compareTo(params.targetBondingRate());
    if (vsTarget < 0) {
      m.inflation = m.inflation.add(params.inflationChange());
    } else if (vsTarget > 0) {
      m.inflation = m.inflation.subtract(params.inflationChange()).max(BigInteger.ZERO);
    }
    m.currentMintableTokens = PPB.of(supply, m.inflation);
    m.currentMintedTokens = BigInteger.ZERO;
  }

  /** What {@link #createReward} mints for {@code sharePoints} ppb of the round's mintable tokens. */
  BigInteger rewardFor(BigInteger sharePoints) {
    return PPB.of(stored().currentMintableTokens, sharePoints);
  }

  /** Mints {@code sharePoints} ppb of the round's mintable tokens into the Minter's custody. */
  BigInteger createReward(BigInteger sharePoints) {
    BigInteger amount = rewardFor(sharePoints);
    mint(SystemAccounts.MINTER, amount);
    return amount;
  }

  /**
   * Mints to the treasury what is left of the round's mintable tokens once {@code earned} (what the
   * active set's reward calls mint this round) is set aside; returns the amount.
   */
  BigInteger createUnearnedForTreasury(BigInteger earned) {
    BigInteger amount = stored().currentMintableTokens.subtract(stored().currentMintedTokens).subtract(earned);
    mint(SystemAccounts.TREASURY, amount);
    return amount;
  }

  private void mint(EthAddress to, BigInteger amount) {
    MinterState m = stored();
    m.currentMintedTokens = m.currentMintedTokens.add(amount);
    require(amount.signum() >= 0 && m.currentMintedTokens.compareTo(m.currentMintableTokens) <= 0, "minted tokens cannot exceed mintable tokens");
    balances.mintLpt(to, amount);
  }
}
