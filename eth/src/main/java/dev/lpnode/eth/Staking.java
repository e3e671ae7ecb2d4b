package dev.lpnode.eth;

import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.contracts.LivepeerToken;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.tx.TransactionRevertedException;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The node's own account's stake and ticket funds, as transactions on the chain: what livepeer_cli
 * asks a go-livepeer node to do (bond, unbond, rebond, withdraw, claim, register as an
 * orchestrator; as a gateway, fund, unlock and withdraw its TicketBroker deposit and reserve).
 * Calls are encoded by the generated wrappers and sent through the node's one {@link Transactions},
 * so they share its nonces with redemptions and round duties. A call of several transactions
 * (approve then bond; {@link #activateOrchestrator}) holds this object's lock throughout and stops
 * at the first refusal, which costs nothing when gas estimation finds it. Every call blocks: run
 * it on a worker thread.
 */
public final class Staking {
  private static final Logger LOG = LoggerFactory.getLogger(Staking.class);

  /** A mined, successful transaction of a call. */
  public record Sent(String function, String txHash, long block, BigInteger gasUsed) {}

  /** An account's balances, stake and orchestrator state, read now (the operator API's {@code /ledgerStatus}). */
  public record Status(EthAddress account, long round, BigInteger lptBalance, BigInteger ethBalance, EthAddress delegate,
      BigInteger bondedAmount, BigInteger pendingStake, BigInteger pendingFees, long startRound, long lastClaimRound,
      long nextUnbondingLockId, boolean registered, boolean active, long rewardCut, long feeShare, long lastRewardRound,
      String serviceUri) {}

  /** What {@link #unbond} did, with the lock the unbonded stake waits in. */
  public record Unbonded(List<Sent> sent, long unbondingLockId, long withdrawRound) {}

  /**
   * The chain refused {@code function}: the message is the contract's revert reason; {@code sent}
   * holds the transactions of the same call that went through before it.
   */
  public static final class Refused extends Exception {
    private final String function;
    private final boolean mined;
    private final List<Sent> sent;

    Refused(String function, String reason, boolean mined, List<Sent> sent) {
      super(reason);
      this.function = function;
      this.mined = mined;
      this.sent = List.copyOf(sent);
    }

    public String function() {
      return function;
    }

    /** False when gas estimation found the revert and nothing was sent for {@link #function()}. */
    public boolean mined() {
      return mined;
    }

    public List<Sent> sent() {
      return sent;
    }
  }

  private final ChainReader reader;
  private final ProtocolContracts contracts;
  private final Transactions transactions;
  private final EthAddress self;

  Staking(ChainReader reader, ProtocolContracts contracts, Transactions transactions) {
    this.reader = reader;
    this.contracts = contracts;
    this.transactions = transactions;
    this.self = EthAddress.fromHex(transactions.from());
  }

  /** The only account this node acts for. */
  public EthAddress account() {
    return self;
  }

  public Status status(EthAddress account) {
    String address = account.toHex();
    // getDelegator: (bondedAmount, fees, delegate, delegatedAmount, startRound, lastClaimRound, nextUnbondingLockId);
    // getTranscoder: (lastRewardRound, rewardCut, feeShare, …).
    BondingManager bonding = bondingManager();
    var delegator = ChainReader.call(bonding.getDelegator(address));
    var transcoder = ChainReader.call(bonding.getTranscoder(address));
    BigInteger eth = ChainReader.result(reader.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
    return new Status(account, currentRound(), ChainReader.call(contracts.livepeerToken().balanceOf(address)), eth,
        EthAddress.fromHex(delegator.component3()), delegator.component1(),
        ChainReader.call(bonding.pendingStake(address, BigInteger.ZERO)), ChainReader.call(bonding.pendingFees(address, BigInteger.ZERO)),
        delegator.component5().longValueExact(), delegator.component6().longValueExact(), delegator.component7().longValueExact(),
        ChainReader.call(bonding.isRegisteredTranscoder(address)), ChainReader.call(bonding.isActiveTranscoder(address)),
        transcoder.component2().longValueExact(), transcoder.component3().longValueExact(), transcoder.component1().longValueExact(),
        ChainReader.call(contracts.serviceRegistry().getServiceURI(address)));
  }

  /** Bonds {@code amount} LPT wei to {@code to}, approving the BondingManager for it first when its allowance is short. */
  public synchronized List<Sent> bond(BigInteger amount, EthAddress to) throws Refused {
    Batch batch = new Batch();
    approveAndBond(batch, amount, to);
    return batch.sent;
  }

  public synchronized Unbonded unbond(BigInteger amount) throws Refused {
    Batch batch = new Batch();
    TransactionReceipt receipt = batch.send("unbond", bonding(), bondingManager().unbond(amount));
    BondingManager.UnbondEventResponse event = BondingManager.getUnbondEvents(receipt).stream()
        .filter(e -> self.equals(EthAddress.fromHex(e.delegator))).findFirst()
        .orElseThrow(() -> new IllegalStateException("unbond " + receipt.getTransactionHash() + " logged no Unbond event"));
    return new Unbonded(batch.sent, event.unbondingLockId.longValueExact(), event.withdrawRound.longValueExact());
  }

  /** Bonds an unbonding lock's stake again: to the current delegate, or to {@code to} when the account is unbonded. */
  public synchronized List<Sent> rebond(long unbondingLockId, Optional<EthAddress> to) throws Refused {
    Batch batch = new Batch();
    BigInteger lock = BigInteger.valueOf(unbondingLockId);
    if (to.isPresent()) {
      batch.send("rebondFromUnbonded", bonding(), bondingManager().rebondFromUnbonded(to.get().toHex(), lock));
    } else {
      batch.send("rebond", bonding(), bondingManager().rebond(lock));
    }
    return batch.sent;
  }

  public synchronized List<Sent> withdrawStake(long unbondingLockId) throws Refused {
    Batch batch = new Batch();
    batch.send("withdrawStake", bonding(), bondingManager().withdrawStake(BigInteger.valueOf(unbondingLockId)));
    return batch.sent;
  }

  public synchronized List<Sent> withdrawFees(EthAddress recipient, BigInteger amount) throws Refused {
    Batch batch = new Batch();
    batch.send("withdrawFees", bonding(), bondingManager().withdrawFees(recipient.toHex(), amount));
    return batch.sent;
  }

  /** Claims rewards and fees through {@code endRound} (at most the current round). */
  public synchronized List<Sent> claimEarnings(long endRound) throws Refused {
    Batch batch = new Batch();
    batch.send("claimEarnings", bonding(), bondingManager().claimEarnings(BigInteger.valueOf(endRound)));
    return batch.sent;
  }

  /**
   * A gateway's funding: {@code fundDepositAndReserve(deposit, reserve)} on the TicketBroker, paying
   * deposit + reserve from the node's account. It also cancels an unlock in progress, as any funding does.
   */
  public synchronized List<Sent> fundDepositAndReserve(BigInteger deposit, BigInteger reserve) throws Refused {
    BigInteger value = deposit.add(reserve);
    Batch batch = new Batch();
    batch.send("fundDepositAndReserve", broker(), contracts.ticketBroker().fundDepositAndReserve(deposit, reserve, value), value);
    return batch.sent;
  }

  /** Starts unlocking the gateway's deposit and reserve: withdrawable after the TicketBroker's unlock period. */
  public synchronized List<Sent> unlock() throws Refused {
    Batch batch = new Batch();
    batch.send("unlock", broker(), contracts.ticketBroker().unlock());
    return batch.sent;
  }

  /** Withdraws the gateway's deposit and reserve once they are unlocked. */
  public synchronized List<Sent> withdraw() throws Refused {
    Batch batch = new Batch();
    batch.send("withdraw", broker(), contracts.ticketBroker().withdraw());
    return batch.sent;
  }

  /** An account's deposit and reserve on the TicketBroker, read now (not the cached state the payments read). */
  public SenderInfo senderInfo(EthAddress account) {
    var info = ChainReader.call(contracts.ticketBroker().getSenderInfo(account.toHex()));
    return new SenderInfo(info.component1().deposit, info.component1().withdrawRound.longValueExact(),
        info.component2().fundsRemaining, info.component2().claimedInCurrentRound);
  }

  /** The round the RoundsManager says it is, read now. */
  public long currentRound() {
    return ChainReader.call(contracts.roundsManager().currentRound()).longValueExact();
  }

  public synchronized List<Sent> transcoder(long rewardCut, long feeShare) throws Refused {
    Batch batch = new Batch();
    registerTranscoder(batch, rewardCut, feeShare);
    return batch.sent;
  }

  /**
   * livepeer_cli's "become an orchestrator": bond {@code amount} to the node's own account
   * (approving first when needed; none when {@code amount} is 0), register with {@code rewardCut}
   * and {@code feeShare}, and publish {@code serviceUri} in the ServiceRegistry.
   *
   * @throws RoundLockedException before any transaction, in the last blocks of a round, when
   *     {@code transcoder()} would revert after the bond went through
   */
  public synchronized List<Sent> activateOrchestrator(BigInteger amount, long rewardCut, long feeShare, String serviceUri)
      throws Refused {
    if (ChainReader.call(contracts.roundsManager().currentRoundLocked())) {
      throw new RoundLockedException();
    }
    Batch batch = new Batch();
    if (amount.signum() > 0) {
      approveAndBond(batch, amount, self);
    }
    registerTranscoder(batch, rewardCut, feeShare);
    batch.send("setServiceURI", contracts.serviceRegistry().getContractAddress(),
        contracts.serviceRegistry().setServiceURI(serviceUri));
    return batch.sent;
  }

  /** The current round is locked: the orchestrator's rates cannot change until the next one. */
  public static final class RoundLockedException extends IllegalStateException {
    RoundLockedException() {
      super("the current round is locked (its last blocks): the orchestrator's rates cannot be set until the next round starts");
    }
  }

  private void approveAndBond(Batch batch, BigInteger amount, EthAddress to) throws Refused {
    LivepeerToken token = contracts.livepeerToken();
    BigInteger allowance = ChainReader.call(token.allowance(self.toHex(), bonding()));
    if (allowance.compareTo(amount) < 0) {
      batch.send("approve", token.getContractAddress(), token.approve(bonding(), amount));
    }
    batch.send("bond", bonding(), bondingManager().bond(amount, to.toHex()));
  }

  private void registerTranscoder(Batch batch, long rewardCut, long feeShare) throws Refused {
    batch.send("transcoder", bonding(), bondingManager().transcoder(BigInteger.valueOf(rewardCut), BigInteger.valueOf(feeShare)));
  }

  private BondingManager bondingManager() {
    return contracts.bondingManager();
  }

  private String bonding() {
    return contracts.bondingManager().getContractAddress();
  }

  private String broker() {
    return contracts.ticketBroker().getContractAddress();
  }

  /** The transactions of one call, in order; the first refusal ends it. */
  private final class Batch {
    final List<Sent> sent = new ArrayList<>();

    TransactionReceipt send(String function, String to, RemoteFunctionCall<TransactionReceipt> call) throws Refused {
      return send(function, to, call, BigInteger.ZERO);
    }

    /** Sends {@code call} with {@code value} wei attached. */
    TransactionReceipt send(String function, String to, RemoteFunctionCall<TransactionReceipt> call, BigInteger value) throws Refused {
      try {
        TransactionReceipt receipt = transactions.send(to, call.encodeFunctionCall(), value,
            hash -> LOG.info("{} sent from {}: {}", function, self, hash));
        sent.add(new Sent(function, receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(), receipt.getGasUsed()));
        return receipt;
      } catch (TransactionRevertedException e) {
        LOG.warn("{} from {} refused by the chain{}: {}", function, self, e.mined() ? " (mined, gas spent)" : "", e.getMessage());
        throw new Refused(function, e.getMessage(), e.mined(), sent);
      }
    }
  }
}
