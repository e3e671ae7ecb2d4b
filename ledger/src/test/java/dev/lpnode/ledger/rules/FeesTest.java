package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.ETH;
import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SystemAccounts;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesTest {
  private final EthAddress t = account(1);
  private final EthAddress d = account(2);

  /** T self-bonds 1000, D bonds 3000; rewardCut 0, feeShare 10%; both active from round 2. */
  private static TestNet network(NetworkParameters params, EthAddress t, EthAddress d) {
    TestNet net = new TestNet(params);
    net.ledger.mintLpt(t, lpt(1000));
    net.ledger.mintLpt(d, lpt(3000));
    net.ledger.mintLpt(account(50), lpt(4000));
    net.ledger.bond(t, lpt(1000), t);
    net.ledger.registerTranscoder(t, 0, 100_000);
    net.ledger.bond(d, lpt(3000), t);
    net.nextRound();
    return net;
  }

  private static BigInteger eth(String amount) {
    return new BigDecimal(amount).multiply(new BigDecimal(ETH)).toBigIntegerExact();
  }

  @Test
  void feesBeforeRewardSplitByFeeShareAndStake() {
    TestNet net = network(TestNet.simple(), t, d);
    net.ledger.updateTranscoderWithFees(t, ETH, net.round());
    assertThat(net.ledger.delegator(d).pendingFees()).isEqualTo(eth("0.075"));
    assertThat(net.ledger.delegator(t).pendingFees()).isEqualTo(eth("0.925"));
    assertThat(net.ledger.workTotals(t, net.round()).redeemedFees()).isEqualTo(ETH);

    // Reward after fees in the same round does not disturb them.
    net.ledger.reward(t);
    assertThat(net.ledger.delegator(d).pendingFees()).isEqualTo(eth("0.075"));
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void feesNeedAnActiveTranscoder() {
    TestNet net = network(TestNet.simple(), t, d);
    EthAddress other = account(3);
    net.ledger.mintLpt(other, lpt(10));
    net.ledger.bond(other, lpt(10), other);
    net.ledger.registerTranscoder(other, 0, 0);
    assertThat(net.ledger.isRegisteredTranscoder(other)).isTrue();
    assertThatThrownBy(() -> net.ledger.updateTranscoderWithFees(other, ETH, net.round())).hasMessage("transcoder must be active");
    assertThatThrownBy(() -> net.ledger.updateTranscoderWithFees(d, ETH, net.round())).hasMessage("transcoder must be active");
    assertThat(net.ledger.ethBalance(SystemAccounts.MINTER)).isZero();
  }

  @Test
  void feesAccumulateAcrossRoundsAndWithdrawToAnyRecipient() {
    TestNet net = network(TestNet.simple(), t, d);
    for (int round = 0; round < 5; round++) {
      net.ledger.reward(t);
      net.ledger.updateTranscoderWithFees(t, ETH, net.round());
      if (round == 2) {
        net.ledger.claimEarnings(d);
      }
      net.nextRound();
    }
    BigInteger dFees = net.ledger.delegator(d).pendingFees();
    BigInteger tFees = net.ledger.delegator(t).pendingFees();
    // D's share falls as T's rewards (rewardCut 0, so T's stake grows only by its own bond) stay 1:3.
    assertThat(dFees.add(tFees)).isLessThanOrEqualTo(ETH.multiply(BigInteger.valueOf(5)));
    assertThat(ETH.multiply(BigInteger.valueOf(5)).subtract(dFees.add(tFees))).isLessThan(BigInteger.valueOf(20));

    EthAddress wallet = account(4);
    net.ledger.withdrawFees(d, wallet, dFees);
    assertThat(net.ledger.ethBalance(wallet)).isEqualTo(dFees);
    assertThatThrownBy(() -> net.ledger.withdrawFees(d, wallet, BigInteger.ONE)).hasMessage("insufficient fees to withdraw");
    assertThatThrownBy(() -> net.ledger.withdrawFees(t, EthAddress.ZERO, BigInteger.ONE)).hasMessage("invalid recipient");
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void feesAfterASkippedRoundUseTheRewardActuallyMintedWhenWorkCounts() {
    TestNet net = network(TestNet.simple().with(NetworkParameter.WORK_ALPHA, 300_000).with(NetworkParameter.INFLATION, 50_000_000), t, d);
    // A second transcoder with as much stake but nine times the work: T's share of issuance
    // (0.5^0.7 · 0.1^0.3 ≈ 0.31) is far from its stake share (0.5) that Livepeer's estimate assumes.
    EthAddress o = account(50);
    net.ledger.bond(o, lpt(4000), o);
    net.ledger.registerTranscoder(o, 0, 0);
    net.nextRound();
    net.nextRound();
    net.work(t, 1, 1_000_000);
    net.work(o, 9, 1_000_000);
    net.nextRound(); // T calls no reward in this round: its reward factor must be rebuilt below
    net.work(t, 1, 1_000_000);
    net.work(o, 9, 1_000_000);
    net.nextRound();
    assertThat(net.ledger.reward(t).minted()).isPositive();
    net.ledger.updateTranscoderWithFees(t, ETH, net.round());
    // Rebuilt from the real reward, D's fees are its stake share of the delegators' 10% (3000 of
    // 4000 staked), less a wei or two of rounding.
    BigInteger exact = eth("0.075");
    assertThat(net.ledger.delegator(d).pendingFees()).isBetween(exact.subtract(BigInteger.TWO), exact);
    assertThat(net.ledger.audit()).isEmpty();
  }

  @Test
  void brokerPayoutsAreCreditedExactlyOnce() {
    TestNet net = network(TestNet.simple(), t, d);
    long round = net.round();
    assertThat(net.ledger.creditFeesPaid(t, round, ETH)).isEqualTo(ETH);
    assertThat(net.ledger.creditFeesPaid(t, round, ETH)).isZero();
    assertThat(net.ledger.creditFeesPaid(t, round, eth("1.5"))).isEqualTo(eth("0.5"));
    assertThat(net.ledger.creditFeesPaid(t, round, ETH)).isZero();
    assertThat(net.ledger.workTotals(t, round).redeemedFees()).isEqualTo(eth("1.5"));
    assertThat(net.ledger.delegator(t).pendingFees().add(net.ledger.delegator(d).pendingFees())).isEqualTo(eth("1.5"));

    // A revert remembers nothing, so a later call, once the transcoder is active, credits it all.
    EthAddress other = account(3);
    net.ledger.mintLpt(other, lpt(10));
    net.ledger.bond(other, lpt(10), other);
    net.ledger.registerTranscoder(other, 0, 0);
    assertThatThrownBy(() -> net.ledger.creditFeesPaid(other, round, ETH)).hasMessage("transcoder must be active");
    net.nextRound();
    assertThat(net.ledger.creditFeesPaid(other, round, ETH)).isEqualTo(ETH);
    assertThat(net.ledger.audit()).isEmpty();
  }
}
