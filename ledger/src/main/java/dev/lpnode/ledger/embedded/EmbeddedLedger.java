package dev.lpnode.ledger.embedded;

import dev.lpnode.ledger.FaultVerifier;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.rules.StateLedger;
import dev.lpnode.ledger.rules.Store;
import dev.lpnode.ledger.rules.Transactor;
import dev.lpnode.storage.Migration;
import dev.lpnode.storage.SqliteDatabase;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded network: the ledger in one SQLite file (WAL, synchronous=FULL), one transaction per
 * operation, so a committed operation survives SIGKILL and power loss and an interrupted one leaves
 * no trace. Blocks come from the clock ({@link ClockBlockSource}); rounds are initialized by the
 * first write of each round.
 *
 * <p>The network's parameters are fixed at genesis and stored with it; governance changes them
 * afterwards. Opening an existing ledger with different parameters keeps the stored ones and logs
 * the differences. Round 1 starts at genesis; a genesis allocation runs in the same transaction as
 * the genesis, in round 0, so what it bonds and registers is active from round 1.
 */
public final class EmbeddedLedger extends StateLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLedger.class);
  private static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "ledger state", SqliteStore.SCHEMA));
  private static final String GENESIS_TIME = "embedded/genesis-millis";

  private final SqliteDatabase db;
  private final ClockBlockSource blocks;

  private EmbeddedLedger(SqliteDatabase db, Transactor transactor, ClockBlockSource blocks, FaultVerifier verifier) {
    super(transactor, blocks, verifier, true);
    this.db = db;
    this.blocks = blocks;
  }

  /** Opens the ledger in {@code file}, creating the network with {@code params} (genesis now, by {@code clock}) if the file has none. */
  public static EmbeddedLedger open(Path file, NetworkParameters params, InstantSource clock, FaultVerifier verifier) {
    return open(file, params, clock, verifier, ledger -> {});
  }

  /**
   * Like {@link #open(Path, NetworkParameters, InstantSource, FaultVerifier)}; when it creates the
   * network, it also runs {@code allocation} (faucets, bonds, registrations) on the new network in
   * round 0, in the genesis transaction: the network exists with its allocation, or not at all.
   */
  public static EmbeddedLedger open(Path file, NetworkParameters params, InstantSource clock, FaultVerifier verifier,
      Consumer<StateLedger> allocation) {
    SqliteDatabase db = SqliteDatabase.open(file, MIGRATIONS);
    try {
      Transactor transactor = transactor(db);
      record Genesis(long millis, NetworkParameters inForce) {}
      Genesis genesis = transactor.inTransaction(store -> {
        Optional<String> stored = store.get(GENESIS_TIME);
        if (stored.isPresent()) {
          return new Genesis(Long.parseLong(stored.get()), StateLedger.genesis(store, params, 0));
        }
        long now = clock.millis();
        store.put(GENESIS_TIME, Long.toString(now));
        ClockBlockSource chain = new ClockBlockSource(clock, now, params.blockTime());
        long genesisBlock = chain.blockNumber();
        StateLedger.genesis(store, params, genesisBlock);
        Transactor sameTransaction = new Transactor() {
          @Override
          public <T> T inTransaction(Function<Store, T> work) {
            return work.apply(store);
          }
        };
        allocation.accept(new StateLedger(sameTransaction, chain.at(genesisBlock - params.roundLength()), verifier, true));
        return new Genesis(now, params);
      });
      NetworkParameters inForce = genesis.inForce();
      List<String> differences = differences(inForce, params);
      if (!differences.isEmpty()) {
        LOG.warn("ledger {} keeps the network parameters in force; ignoring {}", file, String.join(", ", differences));
      }
      return new EmbeddedLedger(db, transactor, new ClockBlockSource(clock, genesis.millis(), inForce.blockTime()), verifier);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The chain's blocks, straight from the clock (no database read). */
  public ClockBlockSource blocks() {
    return blocks;
  }

  private static Transactor transactor(SqliteDatabase db) {
    return new Transactor() {
      @Override
      public <T> T inTransaction(Function<Store, T> work) {
        return db.inTransaction(connection -> work.apply(new SqliteStore(connection)));
      }
    };
  }

  private static List<String> differences(NetworkParameters stored, NetworkParameters requested) {
    List<String> differences = new ArrayList<>();
    for (NetworkParameter p : NetworkParameter.values()) {
      if (!stored.get(p).equals(requested.get(p))) {
        differences.add(p.key() + "=" + requested.get(p) + " (keeping " + stored.get(p) + ")");
      }
    }
    return differences;
  }

  public Path file() {
    return db.file();
  }

  @Override
  public void close() {
    db.close();
  }
}
