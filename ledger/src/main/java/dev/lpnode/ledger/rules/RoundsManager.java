package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.payments.ticket.Bytes32;
import java.math.BigInteger;

/**
 * Livepeer's RoundsManager at one block: round arithmetic, initialization and the lock period.
 * Rounds are counted in blocks from the last round-length update.
 */
final class RoundsManager {
  private final LedgerState state;
  private final long block;

  RoundsManager(LedgerState state, long block) {
    this.state = state;
    this.block = block;
  }

  private RoundsState stored() {
    return state.get(RoundsState.KIND, "");
  }

  long blockNumber() {
    return block;
  }

  long roundLength() {
    return stored().roundLength;
  }

  long currentRound() {
    RoundsState r = stored();
    return r.lastRoundLengthUpdateRound + (block - r.lastRoundLengthUpdateStartBlock) / r.roundLength;
  }

  long currentRoundStartBlock() {
    RoundsState r = stored();
    return r.lastRoundLengthUpdateStartBlock + (currentRound() - r.lastRoundLengthUpdateRound) * r.roundLength;
  }

  long lastInitializedRound() {
    return stored().lastInitializedRound;
  }

  boolean currentRoundInitialized() {
    return stored().lastInitializedRound == currentRound();
  }

  /** The last {@code roundLockAmount} ppm of the round, when transcoders cannot change their rates. */
  boolean currentRoundLocked(long roundLockAmount) {
    long length = roundLength();
    long lockBlocks = BigInteger.valueOf(length).multiply(BigInteger.valueOf(roundLockAmount)).divide(BigInteger.valueOf(1_000_000)).longValueExact();
    return block - currentRoundStartBlock() >= length - lockBlocks;
  }

  void requireInitialized() {
    require(currentRoundInitialized(), "current round is not initialized");
  }

  RoundRecord record(long round) {
    return state.get(RoundRecord.KIND, Kind.pad(round));
  }

  /**
   * Marks the current round initialized and stores {@code blockhash(block − 1)} for it; the
   * caller then runs the rest of {@code initializeRound} (stake snapshot, mintable tokens).
   */
  RoundRecord markInitialized(Bytes32 previousBlockHash) {
    long round = currentRound();
    require(stored().lastInitializedRound < round, "round already initialized");
    stored().lastInitializedRound = round;
    RoundRecord record = record(round);
    record.initialized = true;
    record.blockHash = previousBlockHash;
    return record;
  }
}
