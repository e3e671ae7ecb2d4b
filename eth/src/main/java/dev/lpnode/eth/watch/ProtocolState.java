package dev.lpnode.eth.watch;

import dev.lpnode.eth.ProtocolContracts;
import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.contracts.RoundsManager;
import dev.lpnode.eth.contracts.TicketBroker;
import dev.lpnode.eth.rpc.BlockHeader;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tuples.generated.Tuple2;

/**
 * The protocol state an orchestrator reads, cached: the head block, rounds and their block hashes,
 * its own transcoder status and the pool's size, the gas price, and the funds of each sender that
 * paid it. The {@link BlockWatcher} feeds it ({@link #refreshAll} at start and after a reorg,
 * {@link #advance} with each new head and the protocol's events since the last), so ticket checks,
 * prices and rounds read memory. A sender seen for the first time is read from the chain once (and
 * once more with the next head, in case an event of its raced that first read); its funds follow
 * its TicketBroker events from then on, and every sender is read again when a round begins (the
 * reserve claims are per round). Written by the watcher thread, and by readers for a new sender.
 */
public final class ProtocolState {
  /** Senders whose funds are kept; the least recently used are forgotten beyond this. */
  static final int MAX_SENDERS = 10_000;

  /** The RoundsManager's round arithmetic: {@code currentRound = updateRound + (block − updateStartBlock) / length}. */
  record RoundLength(long length, long updateRound, long updateStartBlock) {
    long roundAt(long l1Block) {
      return updateRound + Math.floorDiv(l1Block - updateStartBlock, length);
    }

    long startBlock(long round) {
      return updateStartBlock + (round - updateRound) * length;
    }
  }

  /** The tracked account as the BondingManager sees it. */
  public record Transcoder(boolean registered, boolean active, long lastRewardRound) {
  }

  /** A sender's funds and what the tracked account claimed from its reserve this round. */
  record Funds(SenderInfo info, BigInteger claimedByRecipient) {
  }

  private static final String NEW_ROUND = EventEncoder.encode(RoundsManager.NEWROUND_EVENT);
  private static final String ROUNDS_PARAMETER = EventEncoder.encode(RoundsManager.PARAMETERUPDATE_EVENT);
  /** TicketBroker events by topic, each to the sender whose funds it changes. */
  private static final Map<String, Function<Log, String>> SENDER_EVENTS = Map.of(
      EventEncoder.encode(TicketBroker.DEPOSITFUNDED_EVENT), l -> TicketBroker.getDepositFundedEventFromLog(l).sender,
      EventEncoder.encode(TicketBroker.RESERVEFUNDED_EVENT), l -> TicketBroker.getReserveFundedEventFromLog(l).reserveHolder,
      EventEncoder.encode(TicketBroker.WITHDRAWAL_EVENT), l -> TicketBroker.getWithdrawalEventFromLog(l).sender,
      EventEncoder.encode(TicketBroker.UNLOCK_EVENT), l -> TicketBroker.getUnlockEventFromLog(l).sender,
      EventEncoder.encode(TicketBroker.UNLOCKCANCELLED_EVENT), l -> TicketBroker.getUnlockCancelledEventFromLog(l).sender,
      EventEncoder.encode(TicketBroker.WINNINGTICKETTRANSFER_EVENT), l -> TicketBroker.getWinningTicketTransferEventFromLog(l).sender,
      EventEncoder.encode(TicketBroker.RESERVECLAIMED_EVENT), l -> TicketBroker.getReserveClaimedEventFromLog(l).reserveHolder);

  private final ChainReader reader;
  private final ProtocolContracts contracts;
  private final EthAddress account;
  private final Map<Long, Bytes32> roundHashes = new ConcurrentHashMap<>();
  private final Map<EthAddress, Funds> senders = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<EthAddress, Funds> eldest) {
      return size() > MAX_SENDERS;
    }
  });
  private final Set<EthAddress> newSenders = ConcurrentHashMap.newKeySet();
  private volatile BlockHeader head;
  private volatile RoundLength roundLength;
  private volatile long currentRound;
  private volatile long lastInitializedRound;
  private volatile long poolSize;
  private volatile Transcoder transcoder = new Transcoder(false, false, 0);
  private volatile BigInteger gasPrice = BigInteger.ZERO;
  private volatile long ticketValidityPeriod;

  /** @param account the orchestrator whose status and reserve claims are tracked */
  public ProtocolState(ChainReader reader, ProtocolContracts contracts, EthAddress account) {
    this.reader = reader;
    this.contracts = contracts;
    this.account = account;
  }

  /** Reads everything from the chain at {@code newHead}: the start, or a reorganization. */
  void refreshAll(BlockHeader newHead) {
    RoundsManager rounds = contracts.roundsManager();
    roundLength = readRoundLength();
    ticketValidityPeriod = ChainReader.call(contracts.ticketBroker().ticketValidityPeriod()).longValueExact();
    currentRound = ChainReader.call(rounds.currentRound()).longValueExact();
    long lastInitialized = ChainReader.call(rounds.lastInitializedRound()).longValueExact();
    roundHashes.clear();
    readRoundHash(lastInitialized);
    readRoundHash(lastInitialized - 1);
    lastInitializedRound = lastInitialized;
    refreshTranscoders();
    for (EthAddress sender : trackedSenders()) {
      senders.put(sender, readFunds(sender));
    }
    gasPrice = reader.gasPrice();
    head = newHead;
  }

  /** Applies the events of the blocks up to {@code newHead}, then moves to it. */
  void advance(BlockHeader newHead, List<Log> logs) {
    boolean poolChanged = false;
    Set<EthAddress> fundsChanged = new HashSet<>();
    String bondingManager = contracts.bondingManager().getContractAddress();
    String roundsManager = contracts.roundsManager().getContractAddress();
    for (Log log : logs) {
      String topic = log.getTopics().isEmpty() ? "" : log.getTopics().get(0);
      if (log.getAddress().equalsIgnoreCase(bondingManager)) {
        poolChanged = true;
      } else if (log.getAddress().equalsIgnoreCase(roundsManager)) {
        if (topic.equals(NEW_ROUND)) {
          RoundsManager.NewRoundEventResponse round = RoundsManager.getNewRoundEventFromLog(log);
          roundHashes.put(round.round.longValueExact(), Bytes32.of(round.blockHash));
          lastInitializedRound = Math.max(lastInitializedRound, round.round.longValueExact());
        } else if (topic.equals(ROUNDS_PARAMETER)) {
          roundLength = readRoundLength();
        }
      } else if (SENDER_EVENTS.containsKey(topic)) {
        fundsChanged.add(EthAddress.fromHex(SENDER_EVENTS.get(topic).apply(log)));
      }
    }
    Set<EthAddress> fresh = Set.copyOf(newSenders);
    fundsChanged.addAll(fresh);
    long round = roundLength.roundAt(newHead.l1Number());
    if (round != currentRound) {
      poolChanged = true;
      fundsChanged.addAll(trackedSenders());
    }
    // Every read before anything moves on: a failed read (the endpoint gone) leaves the head, the
    // round and the new senders where they were, so the next poll replays these blocks whole.
    if (poolChanged) {
      refreshTranscoders();
    }
    Map<EthAddress, Funds> funds = new HashMap<>();
    for (EthAddress sender : fundsChanged) {
      if (senders.containsKey(sender)) {
        funds.put(sender, readFunds(sender));
      }
    }
    BigInteger price = reader.gasPrice();
    senders.putAll(funds);
    newSenders.removeAll(fresh);
    currentRound = round;
    gasPrice = price;
    head = newHead;
  }

  private RoundLength readRoundLength() {
    RoundsManager rounds = contracts.roundsManager();
    return new RoundLength(ChainReader.call(rounds.roundLength()).longValueExact(),
        ChainReader.call(rounds.lastRoundLengthUpdateRound()).longValueExact(),
        ChainReader.call(rounds.lastRoundLengthUpdateStartBlock()).longValueExact());
  }

  private Bytes32 readRoundHash(long round) {
    if (round < 0) {
      return Bytes32.ZERO;
    }
    Bytes32 hash = Bytes32.of(ChainReader.call(contracts.roundsManager().blockHashForRound(BigInteger.valueOf(round))));
    roundHashes.put(round, hash);
    return hash;
  }

  private void refreshTranscoders() {
    BondingManager bonding = contracts.bondingManager();
    String self = account.toHex();
    poolSize = ChainReader.call(bonding.getTranscoderPoolSize()).longValueExact();
    transcoder = new Transcoder(ChainReader.call(bonding.isRegisteredTranscoder(self)), ChainReader.call(bonding.isActiveTranscoder(self)),
        ChainReader.call(bonding.getTranscoder(self)).component1().longValueExact());
  }

  private Funds readFunds(EthAddress sender) {
    TicketBroker broker = contracts.ticketBroker();
    Tuple2<TicketBroker.Sender, TicketBroker.ReserveInfo> info = ChainReader.call(broker.getSenderInfo(sender.toHex()));
    BigInteger claimed = ChainReader.call(broker.claimedReserve(sender.toHex(), account.toHex()));
    return new Funds(new SenderInfo(info.component1().deposit, info.component1().withdrawRound.longValueExact(),
        info.component2().fundsRemaining, info.component2().claimedInCurrentRound), claimed);
  }

  private List<EthAddress> trackedSenders() {
    synchronized (senders) {
      return List.copyOf(senders.keySet());
    }
  }

  // ---- reads ----

  public BlockHeader head() {
    return head;
  }

  public long currentRound() {
    return currentRound;
  }

  /** The first L1 block of {@code round}, by the RoundsManager's arithmetic with the current round length. */
  public long roundStartBlock(long round) {
    return roundLength.startBlock(round);
  }

  /** Rounds a ticket stays redeemable (read at start and after a reorganization: a governed parameter). */
  public long ticketValidityPeriod() {
    return ticketValidityPeriod;
  }

  public long lastInitializedRound() {
    return lastInitializedRound;
  }

  /** The round's block hash: cached for the last two initialized rounds, read from the chain for others. */
  public Bytes32 blockHashForRound(long round) {
    Bytes32 hash = roundHashes.get(round);
    return hash != null ? hash : readRoundHash(round);
  }

  public long poolSize() {
    return poolSize;
  }

  /** The tracked account's transcoder status. */
  public Transcoder transcoder() {
    return transcoder;
  }

  public EthAddress account() {
    return account;
  }

  /** The latest {@code eth_gasPrice}. */
  public BigInteger gasPrice() {
    return gasPrice;
  }

  /** The sender's funds: cached, or read once and followed from then on. */
  Funds funds(EthAddress sender) {
    Funds funds = senders.get(sender);
    if (funds == null) {
      funds = readFunds(sender);
      senders.put(sender, funds);
      newSenders.add(sender);
    }
    return funds;
  }

  public SenderInfo senderInfo(EthAddress sender) {
    return funds(sender).info();
  }

  /** What the tracked account claimed from {@code sender}'s reserve in the current round. */
  public BigInteger claimedByAccount(EthAddress sender) {
    return funds(sender).claimedByRecipient();
  }

  /** The senders whose funds are followed, with their last known funds. */
  public Map<EthAddress, SenderInfo> sendersFunds() {
    synchronized (senders) {
      Map<EthAddress, SenderInfo> out = new LinkedHashMap<>();
      senders.forEach((address, funds) -> out.put(address, funds.info()));
      return out;
    }
  }
}
