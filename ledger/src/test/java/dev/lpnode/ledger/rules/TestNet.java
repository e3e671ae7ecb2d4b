package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.BlockSource;
import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SegmentRecord;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;

/** An in-memory network with a hand-driven block counter, for deterministic rule tests. */
final class TestNet {
  static final BigInteger LPT = BigInteger.TEN.pow(18);
  static final BigInteger ETH = BigInteger.TEN.pow(18);

  final MemoryStore store = new MemoryStore();
  final ManualBlocks blocks = new ManualBlocks();
  final NetworkParameters params;
  final StateLedger ledger;

  /** Blocks that advance only when told; hashes derived from the number. */
  static final class ManualBlocks implements BlockSource {
    long number;

    @Override
    public long blockNumber() {
      return number;
    }

    @Override
    public Bytes32 blockHash(long n) {
      byte[] hash = new byte[32];
      ByteBuffer.wrap(hash).putLong(24, n + 1);
      return Bytes32.of(hash);
    }
  }

  TestNet(NetworkParameters params) {
    this(params, FaultVerifier.NONE);
  }

  TestNet(NetworkParameters params, FaultVerifier verifier) {
    this.params = params;
    store.inTransaction(s -> StateLedger.genesis(s, params, 0));
    this.ledger = new StateLedger(store, blocks, verifier, true);
  }

  /** Small, quiet defaults: 100-block rounds, no treasury cut, α = 0, inflation steady at 0.5%. */
  static NetworkParameters simple() {
    return NetworkParameters.defaults()
        .with(NetworkParameter.ROUND_LENGTH, 100)
        .with(NetworkParameter.NUM_ACTIVE_TRANSCODERS, 10)
        .with(NetworkParameter.TREASURY_REWARD_CUT_RATE, 0)
        .with(NetworkParameter.TREASURY_BALANCE_CEILING, 0)
        .with(NetworkParameter.WORK_ALPHA, 0)
        .with(NetworkParameter.INFLATION, 5_000_000)
        .with(NetworkParameter.INFLATION_CHANGE, 0)
        .with(NetworkParameter.UNBONDING_PERIOD, 2)
        .with(NetworkParameter.PROPOSAL_THRESHOLD, 0);
  }

  static EthAddress account(int n) {
    return EthAddress.ofNumber(0x1000 + n);
  }

  static BigInteger lpt(long amount) {
    return LPT.multiply(BigInteger.valueOf(amount));
  }

  /** Moves to the first block of the next round and initializes it, as a round-initializing node would. */
  void nextRound() {
    long length = params.roundLength();
    blocks.number = (blocks.number / length + 1) * length;
    ledger.initializeRound();
  }

  void advanceRounds(int n) {
    for (int i = 0; i < n; i++) {
      nextRound();
    }
  }

  long round() {
    return ledger.round().round();
  }

  /** A transcoder's stake in the current round's snapshot. */
  BigInteger roundStake(EthAddress transcoder) {
    return store.inTransaction(s -> Protocol.open(s, blocks).bonding.currentRoundStake(transcoder));
  }

  /** Records verified segments worth {@code pixels} for {@code orchestrator} in the current round. */
  void work(EthAddress orchestrator, long segments, long pixelsEach) {
    for (long i = 0; i < segments; i++) {
      ledger.recordSegment(SegmentRecord.verified(orchestrator, "s-" + round(), account(99), i,
          BigInteger.valueOf(pixelsEach), Duration.ofSeconds(2), Duration.ofMillis(500), BigInteger.valueOf(1000)));
    }
  }

  LedgerAudit.Custody custody() {
    return store.inTransaction(s -> new LedgerAudit(Protocol.open(s, blocks)).custody());
  }
}
