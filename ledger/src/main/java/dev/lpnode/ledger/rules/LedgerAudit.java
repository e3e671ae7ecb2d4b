package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's accounting invariants, checked over the whole state: supplies equal the sums of
 * balances; the Minter holds at least every claimable wei of stake and fees (the difference is
 * rounding dust, always in the Minter's favour); the pool is sorted, within size, and its stakes
 * add up to the next round's total; the current round's stakes add up to its total active stake;
 * and no transcoder's delegators can claim more stake than it has.
 */
final class LedgerAudit {
  private final Protocol p;
  private final List<String> violations = new ArrayList<>();

  /** Custody versus claims, in wei; custody minus claims is the dust left by integer division. */
  record Custody(BigInteger lptHeld, BigInteger lptClaimable, BigInteger ethHeld, BigInteger ethClaimable) {}

  LedgerAudit(Protocol p) {
    this.p = p;
  }

  /** Addresses active in the current round, by address. */
  static List<EthAddress> activeSet(Protocol p) {
    List<EthAddress> active = new ArrayList<>();
    for (String id : p.state.ids(Transcoder.KIND, "")) {
      EthAddress a = EthAddress.fromHex(id);
      if (p.bonding.isActiveTranscoder(a)) {
        active.add(a);
      }
    }
    return active;
  }

  Custody custody() {
    BigInteger stake = BigInteger.ZERO;
    BigInteger fees = BigInteger.ZERO;
    for (String id : p.state.ids(Delegator.KIND, "")) {
      BigInteger[] pending = p.bonding.pendingStakeAndFees(EthAddress.fromHex(id));
      stake = stake.add(pending[0]);
      fees = fees.add(pending[1]);
    }
    for (String id : p.state.ids(UnbondingLock.KIND, "")) {
      stake = stake.add(p.state.get(UnbondingLock.KIND, id).amount);
    }
    return new Custody(p.balances.lpt(SystemAccounts.MINTER), stake, p.balances.eth(SystemAccounts.MINTER), fees);
  }

  List<String> violations() {
    checkSupply();
    checkCustody();
    checkPool();
    checkActiveStake();
    checkDelegations();
    return violations;
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      violations.add(message);
    }
  }

  private void checkSupply() {
    MinterState m = p.minter.stored();
    check(m.lptSupply.equals(sum(Amount.LPT)), "LPT supply " + m.lptSupply + " != sum of balances " + sum(Amount.LPT));
    check(m.ethSupply.equals(sum(Amount.ETH)), "ETH supply " + m.ethSupply + " != sum of balances " + sum(Amount.ETH));
    check(m.currentMintedTokens.compareTo(m.currentMintableTokens) <= 0, "minted " + m.currentMintedTokens + " > mintable " + m.currentMintableTokens);
  }

  private BigInteger sum(Kind<Amount> kind) {
    BigInteger sum = BigInteger.ZERO;
    for (String id : p.state.ids(kind, "")) {
      BigInteger value = p.state.get(kind, id).value;
      check(value.signum() >= 0, "negative balance " + kind.prefix + id);
      sum = sum.add(value);
    }
    return sum;
  }

  private void checkCustody() {
    Custody c = custody();
    check(c.lptHeld().compareTo(c.lptClaimable()) >= 0, "Minter holds " + c.lptHeld() + " LPT wei but " + c.lptClaimable() + " are claimable");
    check(c.ethHeld().compareTo(c.ethClaimable()) >= 0, "Minter holds " + c.ethHeld() + " ETH wei but " + c.ethClaimable() + " are claimable");
  }

  private void checkPool() {
    List<TranscoderPool.Member> members = p.bonding.pool().members();
    check(members.size() <= p.params().numActiveTranscoders(), "pool has " + members.size() + " members, above its size");
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < members.size(); i++) {
      TranscoderPool.Member m = members.get(i);
      total = total.add(m.stake());
      check(i == 0 || members.get(i - 1).stake().compareTo(m.stake()) >= 0, "pool not sorted at " + m.address());
      check(m.stake().equals(p.bonding.transcoderTotalStake(m.address())), "pool stake of " + m.address() + " differs from its total stake");
      check(p.bonding.isRegisteredTranscoder(m.address()), "pool member " + m.address() + " is not registered");
      check(p.bonding.transcoder(m.address()).deactivationRound == Transcoder.MAX_FUTURE_ROUND, "pool member " + m.address() + " is deactivating");
    }
    BigInteger next = p.bonding.totals().nextRoundTotalActiveStake;
    check(total.equals(next), "pool stakes sum to " + total + " but next round total active stake is " + next);
  }

  private void checkActiveStake() {
    if (!p.rounds.currentRoundInitialized()) {
      return;
    }
    BigInteger total = BigInteger.ZERO;
    for (EthAddress a : activeSet(p)) {
      total = total.add(p.bonding.currentRoundStake(a));
    }
    BigInteger current = p.bonding.totals().currentRoundTotalActiveStake;
    check(total.equals(current), "active stakes sum to " + total + " but the round's total active stake is " + current);
  }

  private void checkDelegations() {
    Map<EthAddress, BigInteger> claimable = new HashMap<>();
    for (String id : p.state.ids(Delegator.KIND, "")) {
      EthAddress a = EthAddress.fromHex(id);
      Delegator d = p.bonding.delegator(a);
      if (!d.delegateAddress.isZero()) {
        claimable.merge(d.delegateAddress, p.bonding.pendingStakeAndFees(a)[0], BigInteger::add);
      }
    }
    claimable.forEach((transcoder, stake) -> {
      BigInteger total = p.bonding.transcoderTotalStake(transcoder);
      check(total.compareTo(stake) >= 0, "delegators of " + transcoder + " can claim " + stake + " but its total stake is " + total);
    });
  }
}
