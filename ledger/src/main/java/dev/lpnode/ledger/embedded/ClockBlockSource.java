package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.BlockSource;
import dev.lpnode.payments.ticket.Bytes32;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The embedded chain's blocks, read from a clock: block {@code n} is the n-th {@code blockTime}
 * since the Unix epoch, so time passes for the network while the node is down, as on a real chain,
 * and separate embedded networks with the same block time (a gateway's and an orchestrator's, each
 * in its own process) agree on block numbers, which ticket params' expiration blocks rely on.
 * Block hashes are SHA-256 of the network's genesis time and the block number: distinct per
 * network, fixed per block.
 */
public final class ClockBlockSource implements BlockSource {
  private static final byte[] DOMAIN = "lpnode embedded chain".getBytes(StandardCharsets.US_ASCII);

  private final InstantSource clock;
  private final long genesisMillis;
  private final long blockMillis;

  public ClockBlockSource(InstantSource clock, long genesisMillis, Duration blockTime) {
    if (blockTime.toMillis() <= 0) {
      throw new IllegalArgumentException("block time must be at least 1 ms, got " + blockTime);
    }
    this.clock = clock;
    this.genesisMillis = genesisMillis;
    this.blockMillis = blockTime.toMillis();
  }

  @Override
  public long blockNumber() {
    return Math.floorDiv(clock.millis(), blockMillis);
  }

  @Override
  public Bytes32 blockHash(long number) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(DOMAIN);
      sha.update(ByteBuffer.allocate(16).putLong(genesisMillis).putLong(number).array());
      return Bytes32.of(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** This chain stopped at block {@code number}: the view a genesis allocation in round 0 runs at. */
  BlockSource at(long number) {
    ClockBlockSource chain = this;
    return new BlockSource() {
      @Override
      public long blockNumber() {
        return number;
      }

      @Override
      public Bytes32 blockHash(long n) {
        return chain.blockHash(n);
      }
    };
  }
}
