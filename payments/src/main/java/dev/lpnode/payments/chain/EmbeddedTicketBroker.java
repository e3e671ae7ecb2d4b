package dev.lpnode.payments.chain;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.crypto.InvalidSignatureException;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.WinProbability;
import dev.lpnode.storage.Migration;
import dev.lpnode.storage.SqliteDatabase;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The TicketBroker contract run in process, its state in SQLite: senders' deposits and reserves,
 * reserve claims per round, used tickets, and the fees paid to each orchestrator per round.
 *
 * <p>{@link #redeemWinningTicket} applies the contract's checks in the contract's order with its
 * revert reasons (protocol.md §5.9, economics.md §1.10), pays from the deposit first and then at
 * most {@code (reserve + claimedThisRound) / poolSize} of the reserve per active orchestrator per
 * round, and credits the amount paid as fees of the current round. The funding calls ({@code
 * fundDeposit}, {@code unlock}, {@code withdraw} …) follow the contract too. Every change is one
 * durable transaction; reads come from an in-memory copy. Thread-safe.
 */
public final class EmbeddedTicketBroker implements TicketBroker, AutoCloseable {
  /** Governance parameters of the broker, in rounds. */
  public record Parameters(long unlockPeriod, long ticketValidityPeriod) {
    /** The values deployed on Arbitrum One. */
    public static final Parameters ARBITRUM_MAINNET = new Parameters(2, 2);
  }

  private static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "ticket broker state",
      "CREATE TABLE senders (address BLOB PRIMARY KEY, deposit TEXT NOT NULL, withdraw_round INTEGER NOT NULL,"
          + " reserve TEXT NOT NULL)",
      "CREATE TABLE reserve_claims (holder BLOB NOT NULL, round INTEGER NOT NULL, claimant BLOB NOT NULL,"
          + " amount TEXT NOT NULL, PRIMARY KEY (holder, round, claimant))",
      "CREATE TABLE used_tickets (ticket_hash BLOB PRIMARY KEY, redeemed_round INTEGER NOT NULL)",
      "CREATE TABLE fees (orchestrator BLOB NOT NULL, round INTEGER NOT NULL, amount TEXT NOT NULL,"
          + " PRIMARY KEY (orchestrator, round))"));

  private record Account(BigInteger deposit, long withdrawRound, BigInteger reserve) {
    static final Account EMPTY = new Account(BigInteger.ZERO, 0, BigInteger.ZERO);

    boolean unlockInProgress() {
      return withdrawRound > 0;
    }

    boolean isEmpty() {
      return deposit.signum() == 0 && reserve.signum() == 0;
    }
  }

  private record Claim(EthAddress holder, long round, EthAddress claimant) {
  }

  private record RoundReserve(EthAddress holder, long round) {
  }

  private final SqliteDatabase db;
  private final Rounds rounds;
  private final TranscoderPool transcoders;
  private final Parameters parameters;
  private final Map<EthAddress, Account> accounts = new HashMap<>();
  private final Map<Claim, BigInteger> claims = new HashMap<>();
  private final Map<RoundReserve, BigInteger> claimedPerRound = new HashMap<>();

  private EmbeddedTicketBroker(SqliteDatabase db, Rounds rounds, TranscoderPool transcoders, Parameters parameters) {
    this.db = db;
    this.rounds = rounds;
    this.transcoders = transcoders;
    this.parameters = parameters;
  }

  /** Opens (creating if needed) the broker's database and loads its state. */
  public static EmbeddedTicketBroker open(Path file, Rounds rounds, TranscoderPool transcoders, Parameters parameters) {
    SqliteDatabase db = SqliteDatabase.open(file, MIGRATIONS);
    EmbeddedTicketBroker broker = new EmbeddedTicketBroker(db, Objects.requireNonNull(rounds),
        Objects.requireNonNull(transcoders), Objects.requireNonNull(parameters));
    try {
      db.execute(broker::load);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return broker;
  }

  private void load(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT address, deposit, withdraw_round, reserve FROM senders");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        accounts.put(EthAddress.of(rs.getBytes(1)),
            new Account(new BigInteger(rs.getString(2)), rs.getLong(3), new BigInteger(rs.getString(4))));
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT holder, round, claimant, amount FROM reserve_claims");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Claim claim = new Claim(EthAddress.of(rs.getBytes(1)), rs.getLong(2), EthAddress.of(rs.getBytes(3)));
        BigInteger amount = new BigInteger(rs.getString(4));
        claims.put(claim, amount);
        claimedPerRound.merge(new RoundReserve(claim.holder(), claim.round()), amount, BigInteger::add);
      }
    }
  }

  // ---- funding (the sender's side of the contract) ----

  /** {@code fundDeposit} by the sender itself; cancels an unlock in progress. */
  public synchronized void fundDeposit(EthAddress sender, BigInteger amount) {
    fundDepositAndReserveFor(sender, sender, amount, BigInteger.ZERO);
  }

  /** {@code fundReserve} by the sender itself; cancels an unlock in progress. */
  public synchronized void fundReserve(EthAddress sender, BigInteger amount) {
    fundDepositAndReserveFor(sender, sender, BigInteger.ZERO, amount);
  }

  /**
   * {@code fundDepositAndReserveFor}: {@code funder} adds to {@code sender}'s deposit and reserve.
   * Only the sender's own funding cancels its unlock.
   */
  public synchronized void fundDepositAndReserveFor(EthAddress funder, EthAddress sender, BigInteger deposit, BigInteger reserve) {
    if (deposit.signum() < 0 || reserve.signum() < 0) {
      throw new IllegalArgumentException("funding amounts must not be negative");
    }
    Account a = account(sender);
    long withdrawRound = funder.equals(sender) ? 0 : a.withdrawRound();
    store(sender, new Account(a.deposit().add(deposit), withdrawRound, a.reserve().add(reserve)));
  }

  /** {@code unlock()}: the sender may withdraw from {@code currentRound + unlockPeriod}. */
  public synchronized void unlock(EthAddress sender) throws TicketRevertedException {
    Account a = account(sender);
    require(!a.isEmpty(), "sender deposit and reserve are zero");
    require(!a.unlockInProgress(), "unlock already initiated");
    store(sender, new Account(a.deposit(), rounds.currentRound() + parameters.unlockPeriod(), a.reserve()));
  }

  public synchronized void cancelUnlock(EthAddress sender) throws TicketRevertedException {
    Account a = account(sender);
    require(a.unlockInProgress(), "no unlock request in progress");
    store(sender, new Account(a.deposit(), 0, a.reserve()));
  }

  /** {@code withdraw()}: pays out deposit and remaining reserve once the unlock period is over. */
  public synchronized BigInteger withdraw(EthAddress sender) throws TicketRevertedException {
    Account a = account(sender);
    require(!a.isEmpty(), "sender deposit and reserve are zero");
    require(a.unlockInProgress(), "no unlock request in progress");
    require(!isLocked(a), "account is locked");
    // Like the contract, the withdraw round stays set; the next self-funding cancels it.
    store(sender, new Account(BigInteger.ZERO, a.withdrawRound(), BigInteger.ZERO));
    return a.deposit().add(a.reserve());
  }

  // ---- views ----

  @Override
  public synchronized SenderInfo senderInfo(EthAddress sender) {
    Account a = account(sender);
    return new SenderInfo(a.deposit(), a.withdrawRound(), a.reserve(), claimedForRound(sender, rounds.currentRound()));
  }

  @Override
  public synchronized BigInteger claimedReserve(EthAddress reserveHolder, EthAddress claimant) {
    return claims.getOrDefault(new Claim(reserveHolder, rounds.currentRound(), claimant), BigInteger.ZERO);
  }

  /**
   * What {@code claimant} may still claim from {@code reserveHolder}'s reserve this round: its 1/N
   * share less what it claimed already, never negative (the contract's arithmetic would revert if
   * the pool grew mid-round past that point).
   */
  public synchronized BigInteger claimableReserve(EthAddress reserveHolder, EthAddress claimant) {
    if (!transcoders.isActiveTranscoder(claimant)) {
      return BigInteger.ZERO;
    }
    long poolSize = transcoders.transcoderPoolSize();
    if (poolSize == 0) {
      return BigInteger.ZERO;
    }
    long round = rounds.currentRound();
    BigInteger total = account(reserveHolder).reserve().add(claimedForRound(reserveHolder, round));
    BigInteger claimed = claims.getOrDefault(new Claim(reserveHolder, round, claimant), BigInteger.ZERO);
    return total.divide(BigInteger.valueOf(poolSize)).subtract(claimed).max(BigInteger.ZERO);
  }

  @Override
  public long ticketValidityPeriod() {
    return parameters.ticketValidityPeriod();
  }

  @Override
  public boolean isUsedTicket(Bytes32 ticketHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM used_tickets WHERE ticket_hash = ?")) {
        s.setBytes(1, ticketHash.toBytes());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Fees this broker paid to {@code orchestrator} in {@code round} (LIP-36: the redemption's round). */
  public BigInteger feesPaid(EthAddress orchestrator, long round) {
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT amount FROM fees WHERE orchestrator = ? AND round = ?")) {
        s.setBytes(1, orchestrator.toBytes());
        s.setLong(2, round);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? new BigInteger(rs.getString(1)) : BigInteger.ZERO;
        }
      }
    });
  }

  /** What this broker paid one orchestrator in one round. */
  public record FeesPaid(EthAddress orchestrator, long round, BigInteger amount) {
  }

  /** Every orchestrator and round this broker paid fees in, from {@code fromRound} on, oldest first. */
  public List<FeesPaid> feesPaidSince(long fromRound) {
    return db.inTransaction(c -> {
      List<FeesPaid> paid = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT orchestrator, round, amount FROM fees WHERE round >= ? ORDER BY round, orchestrator")) {
        s.setLong(1, fromRound);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            paid.add(new FeesPaid(EthAddress.of(rs.getBytes(1)), rs.getLong(2), new BigInteger(rs.getString(3))));
          }
        }
      }
      return paid;
    });
  }

  /** Every sender that has ever funded a deposit or reserve here. */
  public synchronized List<EthAddress> senders() {
    return accounts.keySet().stream().sorted().toList();
  }

  // ---- redemption ----

  @Override
  public synchronized BigInteger redeemWinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand)
      throws TicketRevertedException {
    require(rounds.currentRoundInitialized(), "current round is not initialized");
    Bytes32 ticketHash = ticket.hash();
    requireValidWinningTicket(ticket, ticketHash, signature, recipientRand);

    Account sender = account(ticket.sender());
    require(isLocked(sender), "sender is unlocked");
    require(!sender.isEmpty(), "sender deposit and reserve are zero");

    long round = rounds.currentRound();
    BigInteger fromReserve = BigInteger.ZERO;
    BigInteger deposit;
    if (ticket.faceValue().compareTo(sender.deposit()) > 0) {
      fromReserve = ticket.faceValue().subtract(sender.deposit()).min(claimableReserve(ticket.sender(), ticket.recipient()));
      deposit = BigInteger.ZERO;
    } else {
      deposit = sender.deposit().subtract(ticket.faceValue());
    }
    BigInteger amount = sender.deposit().subtract(deposit).add(fromReserve);
    if (amount.signum() > 0) {
      // BondingManager.updateTranscoderWithFees (BondingManagerTarget v9) reverts the whole
      // redemption unless the recipient is active in the current round.
      require(transcoders.isActiveTranscoder(ticket.recipient()), "transcoder must be active");
    }

    Account updated = new Account(deposit, sender.withdrawRound(), sender.reserve().subtract(fromReserve));
    Claim claim = new Claim(ticket.sender(), round, ticket.recipient());
    BigInteger claimed = claims.getOrDefault(claim, BigInteger.ZERO).add(fromReserve);
    BigInteger finalFromReserve = fromReserve;
    db.execute(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO used_tickets (ticket_hash, redeemed_round) VALUES (?, ?)")) {
        s.setBytes(1, ticketHash.toBytes());
        s.setLong(2, round);
        s.executeUpdate();
      }
      writeAccount(c, ticket.sender(), updated);
      if (finalFromReserve.signum() > 0) {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT OR REPLACE INTO reserve_claims (holder, round, claimant, amount) VALUES (?, ?, ?, ?)")) {
          s.setBytes(1, ticket.sender().toBytes());
          s.setLong(2, round);
          s.setBytes(3, ticket.recipient().toBytes());
          s.setString(4, claimed.toString());
          s.executeUpdate();
        }
      }
      if (amount.signum() > 0) {
        addFees(c, ticket.recipient(), round, amount);
      }
    });
    accounts.put(ticket.sender(), updated);
    if (fromReserve.signum() > 0) {
      claims.put(claim, claimed);
      claimedPerRound.merge(new RoundReserve(ticket.sender(), round), fromReserve, BigInteger::add);
    }
    return amount;
  }

  private void requireValidWinningTicket(Ticket ticket, Bytes32 ticketHash, byte[] signature, BigInteger recipientRand)
      throws TicketRevertedException {
    require(!ticket.recipient().isZero(), "ticket recipient is null address");
    require(!ticket.sender().isZero(), "ticket sender is null address");

    byte[] auxData = ticket.auxData();
    require(auxData.length == 64, "invalid length for ticket auxData: must be 64 bytes");
    long creationRound = ticket.expirationParams().creationRound();
    Bytes32 blockHash = rounds.blockHashForRound(creationRound);
    require(!blockHash.isZero(), "ticket creationRound does not have a block hash");
    require(blockHash.equals(ticket.expirationParams().creationRoundBlockHash()), "ticket creationRoundBlockHash invalid for creationRound");
    require(creationRound + parameters.ticketValidityPeriod() > rounds.currentRound(), "ticket is expired");

    require(WinProbability.recipientRandHash(recipientRand).equals(ticket.recipientRandHash()),
        "recipientRand does not match recipientRandHash");
    require(!isUsedTicket(ticketHash), "ticket is used");
    require(signature.length == EthSignatures.SIGNATURE_LENGTH, "INVALID_SIGNATURE_LENGTH");
    require(recoverSigner(ticketHash, signature).equals(ticket.sender()), "invalid signature over ticket hash");
    require(WinProbability.isWinning(signature, recipientRand, ticket.winProb()), "ticket did not win");
  }

  /** OpenZeppelin 4.9 {@code ECDSA.recover} with its revert reasons. */
  private static EthAddress recoverSigner(Bytes32 ticketHash, byte[] signature) throws TicketRevertedException {
    try {
      return EthSignatures.recoverPersonalSigner(ticketHash.toBytes(), signature);
    } catch (InvalidSignatureException e) {
      throw new TicketRevertedException(e.getMessage().equals("signature s value too high")
          ? "ECDSA: invalid signature 's' value" : "ECDSA: invalid signature");
    }
  }

  // ---- state helpers ----

  private boolean isLocked(Account a) {
    return a.withdrawRound() == 0 || rounds.currentRound() < a.withdrawRound();
  }

  private Account account(EthAddress sender) {
    return accounts.getOrDefault(sender, Account.EMPTY);
  }

  private BigInteger claimedForRound(EthAddress holder, long round) {
    return claimedPerRound.getOrDefault(new RoundReserve(holder, round), BigInteger.ZERO);
  }

  private void store(EthAddress sender, Account account) {
    db.execute(c -> writeAccount(c, sender, account));
    accounts.put(sender, account);
  }

  private static void writeAccount(Connection c, EthAddress sender, Account a) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT OR REPLACE INTO senders (address, deposit, withdraw_round, reserve) VALUES (?, ?, ?, ?)")) {
      s.setBytes(1, sender.toBytes());
      s.setString(2, a.deposit().toString());
      s.setLong(3, a.withdrawRound());
      s.setString(4, a.reserve().toString());
      s.executeUpdate();
    }
  }

  private static void addFees(Connection c, EthAddress orchestrator, long round, BigInteger amount) throws SQLException {
    BigInteger total = amount;
    try (PreparedStatement s = c.prepareStatement("SELECT amount FROM fees WHERE orchestrator = ? AND round = ?")) {
      s.setBytes(1, orchestrator.toBytes());
      s.setLong(2, round);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          total = total.add(new BigInteger(rs.getString(1)));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO fees (orchestrator, round, amount) VALUES (?, ?, ?)")) {
      s.setBytes(1, orchestrator.toBytes());
      s.setLong(2, round);
      s.setString(3, total.toString());
      s.executeUpdate();
    }
  }

  private static void require(boolean condition, String reason) throws TicketRevertedException {
    if (!condition) {
      throw new TicketRevertedException(reason);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
