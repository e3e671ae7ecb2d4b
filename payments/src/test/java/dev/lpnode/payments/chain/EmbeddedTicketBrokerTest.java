package dev.lpnode.payments.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.Uint256;
import dev.lpnode.payments.ticket.WinProbability;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TicketBroker's checks in the contract's order, its payouts, funding and persistence. */
class EmbeddedTicketBrokerTest {
  private static final SigningKey SENDER = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final SigningKey OTHER = SigningKey.fromHex("00000000000000000000000000000000000000000000000000000000000000cc");
  private static final EthAddress RECIPIENT = EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private static final Bytes32 HASH_100 = Bytes32.fromHex("d60ee5d9b1a312631632d0ab8816ca64259093d8ab0b4d29f35db6a6151b0f8d");
  private static final BigInteger RAND = BigInteger.valueOf(424242);

  @TempDir
  Path dir;
  ManualChain chain;
  EmbeddedTicketBroker broker;

  @BeforeEach
  void setUp() {
    chain = new ManualChain();
    chain.initializeRound(100, HASH_100);
    chain.activate(RECIPIENT);
    broker = open();
  }

  private EmbeddedTicketBroker open() {
    return EmbeddedTicketBroker.open(dir.resolve("broker.db"), chain, chain, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
  }

  @AfterEach
  void tearDown() {
    broker.close();
  }

  private static Ticket ticket(long nonce, BigInteger faceValue) {
    return new Ticket(RECIPIENT, SENDER.address(), faceValue, WinProbability.CERTAIN, nonce,
        WinProbability.recipientRandHash(RAND), new ExpirationParams(100, HASH_100));
  }

  private static byte[] sign(SigningKey key, Ticket t) {
    return key.signPersonal(t.hash().toBytes());
  }

  private BigInteger redeem(Ticket t) throws TicketRevertedException {
    return broker.redeemWinningTicket(t, sign(SENDER, t), RAND);
  }

  private void assertReverts(Ticket t, byte[] sig, BigInteger rand, String reason) {
    assertThatThrownBy(() -> broker.redeemWinningTicket(t, sig, rand)).isInstanceOf(TicketRevertedException.class)
        .hasMessage(reason);
  }

  private void assertReverts(UnaryOperator<Ticket> change, String reason) {
    Ticket t = change.apply(ticket(1, BigInteger.valueOf(100)));
    assertReverts(t, sign(SENDER, t), RAND, reason);
  }

  private static Ticket with(Ticket t, EthAddress recipient, EthAddress sender, ExpirationParams expiration) {
    return new Ticket(recipient, sender, t.faceValue(), t.winProb(), t.senderNonce(), t.recipientRandHash(), expiration);
  }

  @Test
  void eachCheckRevertsWithTheContractsReason() throws Exception {
    broker.fundDepositAndReserveFor(SENDER.address(), SENDER.address(), BigInteger.valueOf(1000), BigInteger.valueOf(1000));
    Ticket t = ticket(1, BigInteger.valueOf(100));
    assertReverts(x -> with(x, EthAddress.ZERO, x.sender(), x.expirationParams()), "ticket recipient is null address");
    assertReverts(x -> with(x, x.recipient(), EthAddress.ZERO, x.expirationParams()), "ticket sender is null address");
    assertReverts(x -> with(x, x.recipient(), x.sender(), ExpirationParams.NONE), "invalid length for ticket auxData: must be 64 bytes");
    assertReverts(x -> with(x, x.recipient(), x.sender(), new ExpirationParams(99, HASH_100)),
        "ticket creationRound does not have a block hash");
    assertReverts(x -> with(x, x.recipient(), x.sender(), new ExpirationParams(100, Bytes32.fromHex("01".repeat(32)))),
        "ticket creationRoundBlockHash invalid for creationRound");
    assertReverts(t, sign(SENDER, t), RAND.add(BigInteger.ONE), "recipientRand does not match recipientRandHash");
    assertReverts(t, Arrays.copyOf(sign(SENDER, t), 64), RAND, "INVALID_SIGNATURE_LENGTH");
    assertReverts(t, sign(OTHER, t), RAND, "invalid signature over ticket hash");
    byte[] badV = sign(SENDER, t);
    badV[64] = 29;
    assertReverts(t, badV, RAND, "ECDSA: invalid signature");
    byte[] highS = sign(SENDER, t);
    byte[] s = Uint256.toBytes32(new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
        .subtract(new BigInteger(1, Arrays.copyOfRange(highS, 32, 64))));
    System.arraycopy(s, 0, highS, 32, 32);
    assertReverts(t, highS, RAND, "ECDSA: invalid signature 's' value");
    Ticket loser = new Ticket(RECIPIENT, SENDER.address(), t.faceValue(), BigInteger.ZERO, 1, t.recipientRandHash(), t.expirationParams());
    assertReverts(loser, sign(SENDER, loser), RAND, "ticket did not win");

    assertThat(redeem(t)).isEqualTo(BigInteger.valueOf(100));
    assertReverts(t, sign(SENDER, t), RAND, "ticket is used");
    assertThat(broker.isUsedTicket(t.hash())).isTrue();

    chain.initializeRound(102, HASH_100);
    assertReverts(ticket(2, BigInteger.ONE), sign(SENDER, ticket(2, BigInteger.ONE)), RAND, "ticket is expired");
    chain.startRound(103);
    assertReverts(ticket(3, BigInteger.ONE), sign(SENDER, ticket(3, BigInteger.ONE)), RAND, "current round is not initialized");
  }

  @Test
  void theFirstFailingCheckInContractOrderIsReported() {
    Ticket t = with(ticket(1, BigInteger.TEN), EthAddress.ZERO, SENDER.address(), ExpirationParams.NONE);
    assertReverts(t, new byte[3], BigInteger.ZERO, "ticket recipient is null address");
  }

  @Test
  void anUnlockedOrEmptySenderIsNotPaid() throws Exception {
    assertReverts(x -> x, "sender deposit and reserve are zero");
    broker.fundDeposit(SENDER.address(), BigInteger.valueOf(1000));
    broker.unlock(SENDER.address());
    chain.initializeRound(101, HASH_100);
    assertThat(redeem(ticket(1, BigInteger.ONE))).isEqualTo(BigInteger.ONE); // still locked until round 102
    chain.initializeRound(102, Bytes32.fromHex("02".repeat(32)));
    Ticket t = new Ticket(RECIPIENT, SENDER.address(), BigInteger.ONE, WinProbability.CERTAIN, 2,
        WinProbability.recipientRandHash(RAND), new ExpirationParams(101, HASH_100));
    assertReverts(t, sign(SENDER, t), RAND, "sender is unlocked");
  }

  @Test
  void anInactiveRecipientRevertsTheWholeRedemption() {
    chain.deactivate(RECIPIENT);
    ManualChain unregistered = new ManualChain();
    unregistered.initializeRound(100, HASH_100);
    broker.close();
    broker = EmbeddedTicketBroker.open(dir.resolve("other.db"), unregistered, unregistered, EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET);
    broker.fundDeposit(SENDER.address(), BigInteger.valueOf(1000));
    Ticket t = ticket(1, BigInteger.valueOf(100));
    assertReverts(t, sign(SENDER, t), RAND, "transcoder must be active");
    assertThat(broker.isUsedTicket(t.hash())).isFalse();
    assertThat(broker.senderInfo(SENDER.address()).deposit()).isEqualTo(BigInteger.valueOf(1000));
  }

  @Test
  void paysFromTheDepositThenAtMostOneNthOfTheReservePerRound() throws Exception {
    for (int i = 1; i <= 3; i++) {
      chain.activate(EthAddress.fromHex("0x" + "0".repeat(39) + i));
    }
    broker.fundDepositAndReserveFor(SENDER.address(), SENDER.address(), BigInteger.valueOf(100), BigInteger.valueOf(1000));

    // 100 from the deposit + min(400, (1000 + 0) / 4 − 0) from the reserve.
    assertThat(redeem(ticket(1, BigInteger.valueOf(500)))).isEqualTo(BigInteger.valueOf(350));
    SenderInfo info = broker.senderInfo(SENDER.address());
    assertThat(info.deposit()).isZero();
    assertThat(info.reserveFundsRemaining()).isEqualTo(BigInteger.valueOf(750));
    assertThat(info.reserveClaimedInCurrentRound()).isEqualTo(BigInteger.valueOf(250));
    assertThat(broker.claimedReserve(SENDER.address(), RECIPIENT)).isEqualTo(BigInteger.valueOf(250));

    // The share for this round is used up: paid nothing, no fees, but the ticket is used.
    Ticket second = ticket(2, BigInteger.valueOf(500));
    assertThat(redeem(second)).isZero();
    assertThat(broker.isUsedTicket(second.hash())).isTrue();

    // A new round, a new share: (750 + 0) / 4.
    chain.initializeRound(101, HASH_100);
    assertThat(redeem(ticket(3, BigInteger.valueOf(500)))).isEqualTo(BigInteger.valueOf(187));
    assertThat(broker.feesPaid(RECIPIENT, 100)).isEqualTo(BigInteger.valueOf(350));
    assertThat(broker.feesPaid(RECIPIENT, 101)).isEqualTo(BigInteger.valueOf(187));
    assertThat(broker.feesPaid(RECIPIENT, 102)).isZero();
  }

  @Test
  void inactiveOrchestratorsAreNotPaid() throws Exception {
    chain.register(RECIPIENT);
    chain.deactivate(RECIPIENT);
    broker.fundDepositAndReserveFor(SENDER.address(), SENDER.address(), BigInteger.valueOf(10), BigInteger.valueOf(1000));
    assertThat(broker.claimableReserve(SENDER.address(), RECIPIENT)).isZero();
    Ticket t = ticket(1, BigInteger.valueOf(500));
    assertReverts(t, sign(SENDER, t), RAND, "transcoder must be active");
    assertThat(broker.senderInfo(SENDER.address()).deposit()).isEqualTo(BigInteger.TEN);
  }

  @Test
  void unlockCancelAndWithdrawFollowTheContract() throws Exception {
    EthAddress s = SENDER.address();
    assertThatThrownBy(() -> broker.unlock(s)).hasMessage("sender deposit and reserve are zero");
    broker.fundDepositAndReserveFor(s, s, BigInteger.valueOf(5), BigInteger.valueOf(7));
    assertThatThrownBy(() -> broker.cancelUnlock(s)).hasMessage("no unlock request in progress");
    assertThatThrownBy(() -> broker.withdraw(s)).hasMessage("no unlock request in progress");
    broker.unlock(s);
    assertThat(broker.senderInfo(s).withdrawRound()).isEqualTo(102);
    assertThatThrownBy(() -> broker.unlock(s)).hasMessage("unlock already initiated");
    assertThatThrownBy(() -> broker.withdraw(s)).hasMessage("account is locked");

    EthAddress friend = OTHER.address();
    broker.fundDepositAndReserveFor(friend, s, BigInteger.ONE, BigInteger.ZERO); // a third party does not cancel
    assertThat(broker.senderInfo(s).withdrawRound()).isEqualTo(102);
    broker.fundDeposit(s, BigInteger.ONE); // the sender itself does
    assertThat(broker.senderInfo(s).withdrawRound()).isZero();

    broker.unlock(s);
    chain.initializeRound(102, HASH_100);
    assertThat(broker.withdraw(s)).isEqualTo(BigInteger.valueOf(14));
    assertThat(broker.senderInfo(s).deposit()).isZero();
    assertThatThrownBy(() -> broker.withdraw(s)).hasMessage("sender deposit and reserve are zero");
  }

  @Test
  void stateSurvivesAReopen() throws Exception {
    chain.activate(EthAddress.fromHex("0x" + "0".repeat(39) + "9"));
    broker.fundDepositAndReserveFor(SENDER.address(), SENDER.address(), BigInteger.valueOf(100), BigInteger.valueOf(1000));
    Ticket t = ticket(1, BigInteger.valueOf(300));
    redeem(t);
    broker.unlock(SENDER.address());
    SenderInfo before = broker.senderInfo(SENDER.address());
    broker.close();

    broker = open();
    assertThat(broker.senderInfo(SENDER.address())).isEqualTo(before);
    assertThat(broker.claimedReserve(SENDER.address(), RECIPIENT)).isEqualTo(BigInteger.valueOf(200));
    assertThat(broker.isUsedTicket(t.hash())).isTrue();
    assertThat(broker.feesPaid(RECIPIENT, 100)).isEqualTo(BigInteger.valueOf(300));
  }
}
