package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.rules.TestNet.account;
import static dev.lpnode.ledger.rules.TestNet.lpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** BondingManager.transcoder's rules and reverts, and the development faucet's. */
class TranscoderAndFaucetTest {
  private final EthAddress t = account(1);
  private final EthAddress d = account(10);

  private TestNet registered() {
    TestNet net = new TestNet(TestNet.simple());
    net.ledger.mintLpt(t, lpt(1000));
    net.ledger.mintLpt(d, lpt(1000));
    net.ledger.bond(t, lpt(1000), t);
    net.ledger.registerTranscoder(t, 100_000, 500_000);
    net.ledger.bond(d, lpt(1000), t);
    net.nextRound();
    return net;
  }

  @Test
  void ratesChangeOnlyOutsideTheLockPeriodAndAfterAnActiveTranscodersReward() {
    TestNet net = registered();
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t, 200_000, 500_000))
        .hasMessage("caller can't be active or must have already called reward for the current round");
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t, 1_000_001, 0)).hasMessage("invalid rewardCut percentage");
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t, 0, 1_000_001)).hasMessage("invalid feeShare percentage");
    assertThatThrownBy(() -> net.ledger.registerTranscoder(d, 0, 0)).hasMessage("transcoder must be registered");
    net.ledger.reward(t);
    // roundLockAmount 10 %: the last 10 blocks of a 100-block round are locked.
    long start = net.ledger.round().roundStartBlock();
    net.blocks.number = start + 90;
    assertThatThrownBy(() -> net.ledger.registerTranscoder(t, 200_000, 250_000)).hasMessage("can't update transcoder params, current round is locked");
    assertThat(net.ledger.transcoder(t).rewardCut()).isEqualTo(100_000);
    net.blocks.number = start + 89;
    net.ledger.registerTranscoder(t, 200_000, 250_000);
    assertThat(net.ledger.transcoder(t).rewardCut()).isEqualTo(200_000);
    assertThat(net.ledger.transcoder(t).feeShare()).isEqualTo(250_000);

    // The new cut applies to the next reward, to the wei: d gets (R − R·cut/1e6)·S_d/S.
    net.nextRound();
    BigInteger dBefore = net.ledger.delegator(d).pendingStake();
    BigInteger stake = net.roundStake(t);
    RewardResult reward = net.ledger.reward(t);
    BigInteger rewards = reward.rewards();
    BigInteger delegators = rewards.subtract(rewards.multiply(BigInteger.valueOf(200_000)).divide(BigInteger.valueOf(1_000_000)));
    BigInteger crfScale = BigInteger.TEN.pow(27);
    // CRF grows by R_del/S (precise base); d's stake grows by the same factor.
    BigInteger factor = crfScale.add(delegators.multiply(crfScale).divide(stake));
    assertThat(net.ledger.delegator(d).pendingStake()).isEqualTo(dBefore.multiply(factor).divide(crfScale));
  }

  @Test
  void transferBondRefusesMoreThanTheBond() {
    TestNet net = registered();
    assertThatThrownBy(() -> net.ledger.transferBond(d, account(11), lpt(1001))).hasMessage("amount is greater than bonded amount");
    assertThat(net.ledger.delegator(d).bondedAmount()).isEqualTo(lpt(1000));
  }

  @Test
  void theFaucetGivesItsAmountOncePerWaitPerAccount() {
    TestNet net = new TestNet(TestNet.simple());
    // Defaults: 10 LPT every hour; 12 s blocks, so 300 blocks.
    assertThat(net.ledger.faucetRequest(d)).isEqualTo(lpt(10));
    assertThat(net.ledger.lptBalance(d)).isEqualTo(lpt(10));
    net.blocks.number += 295;
    assertThatThrownBy(() -> net.ledger.faucetRequest(d))
        .hasMessage("faucet: request too early: " + d.toChecksumHex() + " may request again in 1 min (at block 300; one request per"
            + " account every 1 h)");
    assertThat(net.ledger.lptBalance(d)).isEqualTo(lpt(10));
    assertThat(net.ledger.faucetRequest(t)).isEqualTo(lpt(10));
    net.blocks.number += 5;
    assertThat(net.ledger.faucetRequest(d)).isEqualTo(lpt(10));
    assertThat(net.ledger.lptBalance(d)).isEqualTo(lpt(20));
    assertThat(net.ledger.issuance().totalSupply()).isEqualTo(lpt(30));
    assertThat(net.ledger.audit()).isEmpty();
    assertThat(NetworkParameter.FAUCET_REQUEST_AMOUNT.governed()).isTrue();
    assertThat(NetworkParameter.FAUCET_REQUEST_WAIT.governed()).isTrue();
  }

  @Test
  void anEmptyFaucetIsOff() {
    TestNet net = new TestNet(TestNet.simple().with(NetworkParameter.FAUCET_REQUEST_AMOUNT, 0));
    assertThatThrownBy(() -> net.ledger.faucetRequest(d)).hasMessage("faucet: the faucet is off (faucetRequestAmount is 0)");
  }
}
