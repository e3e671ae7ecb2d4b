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
 * The embedded chain's blocks: one every {@code blockTime} since genesis, read from a clock, so
 * time passes for the network while the node is down, as on a real chain. Block hashes are
 * SHA-256 of the genesis time and the block number: distinct per network, fixed per block.
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
    return Math.max(0, Math.floorDiv(clock.millis() - genesisMillis, blockMillis));
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
}
