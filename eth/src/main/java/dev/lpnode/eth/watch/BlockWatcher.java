package dev.lpnode.eth.watch;

import dev.lpnode.eth.rpc.BlockHeader;
import dev.lpnode.eth.rpc.ChainReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the chain's head for {@link ProtocolState}. Each {@link #poll} asks for the latest block
 * (one call when nothing changed). A head that extends the last one seen, checked by the parent
 * hash of the block after it, brings the protocol's events of the new blocks ({@code eth_getLogs}
 * over the range); a head that does not is a reorganization: the blocks after the last one still
 * canonical are rolled back and the whole state is read again at the new head. Not thread-safe:
 * one watcher thread polls.
 */
public final class BlockWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(BlockWatcher.class);
  /** Heads remembered to find where a reorganization forked. */
  private static final int REMEMBERED_HEADS = 64;
  /** Beyond this many new blocks the state is read again rather than replayed from events. */
  private static final long MAX_LOG_RANGE = 5_000;

  /** What one poll found. */
  public enum Change { NONE, NEW_HEAD, REORG }

  private final ChainReader reader;
  private final ProtocolState state;
  private final List<String> addresses;
  private final TreeMap<Long, BlockHeader> heads = new TreeMap<>();
  private BlockHeader tip;

  public BlockWatcher(ChainReader reader, ProtocolState state, List<String> watchedAddresses) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.state = Objects.requireNonNull(state, "state");
    this.addresses = List.copyOf(watchedAddresses);
  }

  /** Reads the state at the current head: call once before polling. */
  public void start() {
    BlockHeader head = reader.latest();
    state.refreshAll(head);
    remember(head);
  }

  public Change poll() {
    BlockHeader head = reader.latest();
    if (head.hash.equals(tip.hash)) {
      return Change.NONE;
    }
    if (head.number() > tip.number() && extendsTip(head)) {
      if (head.number() - tip.number() > MAX_LOG_RANGE) {
        state.refreshAll(head);
      } else {
        List<Log> logs = reader.logs(tip.number() + 1, head.number(), addresses);
        state.advance(head, logs);
      }
      remember(head);
      return Change.NEW_HEAD;
    }
    long forkedAfter = rollBack(head);
    LOG.warn("chain reorganized: blocks after #{} replaced, new head {}; reading the protocol state again", forkedAfter, head);
    state.refreshAll(head);
    remember(head);
    return Change.REORG;
  }

  private boolean extendsTip(BlockHeader head) {
    Optional<BlockHeader> next = head.number() == tip.number() + 1 ? Optional.of(head) : reader.byNumber(tip.number() + 1);
    return next.isPresent() && next.get().parentHash.equals(tip.hash);
  }

  /** Forgets the remembered heads that are no longer canonical; returns the last block still canonical (−1 if none known). */
  private long rollBack(BlockHeader head) {
    while (!heads.isEmpty()) {
      Map.Entry<Long, BlockHeader> last = heads.lastEntry();
      if (last.getKey() <= head.number()) {
        Optional<BlockHeader> canonical = last.getKey() == head.number() ? Optional.of(head) : reader.byNumber(last.getKey());
        if (canonical.isPresent() && canonical.get().hash.equals(last.getValue().hash)) {
          return last.getKey();
        }
      }
      heads.pollLastEntry();
    }
    return -1;
  }

  private void remember(BlockHeader head) {
    heads.put(head.number(), head);
    while (heads.size() > REMEMBERED_HEADS) {
      heads.pollFirstEntry();
    }
    tip = head;
  }

  /** The last head seen. */
  public BlockHeader tip() {
    return tip;
  }
}
