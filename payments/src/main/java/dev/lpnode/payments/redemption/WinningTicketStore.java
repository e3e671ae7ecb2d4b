package dev.lpnode.payments.redemption;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.storage.Migration;
import dev.lpnode.storage.SqliteDatabase;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Winning tickets in SQLite (WAL, {@code synchronous=FULL}), each with its redemption state. {@link
 * #add} returns only once the tickets are on disk, so a payment acknowledged after it survives a
 * crash. Amounts are stored as decimal text: wei values exceed SQLite's 64-bit integers.
 */
public final class WinningTicketStore implements AutoCloseable {
  private static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "winning tickets and their redemption state",
      """
      CREATE TABLE winning_tickets (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_hash BLOB NOT NULL UNIQUE,
        sender BLOB NOT NULL,
        recipient BLOB NOT NULL,
        face_value TEXT NOT NULL,
        win_prob TEXT NOT NULL,
        sender_nonce INTEGER NOT NULL,
        recipient_rand_hash BLOB NOT NULL,
        creation_round INTEGER NOT NULL,
        creation_round_block_hash BLOB NOT NULL,
        signature BLOB NOT NULL,
        recipient_rand TEXT NOT NULL,
        params_expiration_block INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('QUEUED', 'SUBMITTED', 'REDEEMED', 'FAILED')),
        note TEXT,
        amount_paid TEXT,
        received_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      )""",
      "CREATE INDEX winning_tickets_by_state ON winning_tickets (state, id)"),
      Migration.of(2, "the hash of a ticket's redemption transaction",
          "ALTER TABLE winning_tickets ADD COLUMN tx_hash TEXT"));

  private static final String COLUMNS = "id, sender, recipient, face_value, win_prob, sender_nonce, recipient_rand_hash,"
      + " creation_round, creation_round_block_hash, signature, recipient_rand, params_expiration_block, state, note, amount_paid, tx_hash";

  private final SqliteDatabase db;
  private final Clock clock;

  private WinningTicketStore(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public static WinningTicketStore open(Path file, Clock clock) {
    return new WinningTicketStore(SqliteDatabase.open(file, MIGRATIONS), clock);
  }

  /**
   * Stores {@code winners} as {@link RedemptionState#QUEUED} in one durable transaction. A ticket
   * already stored (same hash, e.g. a replayed payment) is kept as it is.
   */
  public void add(List<WinningTicket> winners) {
    if (winners.isEmpty()) {
      return;
    }
    long now = clock.millis();
    db.execute(c -> {
      try (PreparedStatement s = c.prepareStatement("""
          INSERT OR IGNORE INTO winning_tickets (ticket_hash, sender, recipient, face_value, win_prob, sender_nonce,
            recipient_rand_hash, creation_round, creation_round_block_hash, signature, recipient_rand,
            params_expiration_block, state, received_at_ms, updated_at_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)""")) {
        for (WinningTicket w : winners) {
          Ticket t = w.ticket();
          s.setBytes(1, t.hash().toBytes());
          s.setBytes(2, t.sender().toBytes());
          s.setBytes(3, t.recipient().toBytes());
          s.setString(4, t.faceValue().toString());
          s.setString(5, t.winProb().toString());
          s.setLong(6, t.senderNonce());
          s.setBytes(7, t.recipientRandHash().toBytes());
          s.setLong(8, t.expirationParams().creationRound());
          s.setBytes(9, t.expirationParams().creationRoundBlockHash().toBytes());
          s.setBytes(10, w.signature());
          s.setString(11, w.recipientRand().toString());
          s.setLong(12, w.paramsExpirationBlock());
          s.setLong(13, now);
          s.setLong(14, now);
          s.addBatch();
        }
        s.executeBatch();
      }
    });
  }

  /** Tickets in {@code state}, oldest first. */
  public List<StoredTicket> inState(RedemptionState state) {
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM winning_tickets WHERE state = ? ORDER BY id")) {
        s.setString(1, state.name());
        return readAll(s);
      }
    });
  }

  public Optional<StoredTicket> find(Bytes32 ticketHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM winning_tickets WHERE ticket_hash = ?")) {
        s.setBytes(1, ticketHash.toBytes());
        return readAll(s).stream().findFirst();
      }
    });
  }

  public Map<RedemptionState, Integer> countByState() {
    return db.inTransaction(c -> {
      Map<RedemptionState, Integer> counts = new EnumMap<>(RedemptionState.class);
      for (RedemptionState state : RedemptionState.values()) {
        counts.put(state, 0);
      }
      try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM winning_tickets GROUP BY state");
           ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          counts.put(RedemptionState.valueOf(rs.getString(1)), rs.getInt(2));
        }
      }
      return counts;
    });
  }

  /** Records that the ticket is being handed to the broker. */
  public void markSubmitted(long id) {
    update(id, RedemptionState.SUBMITTED, null, null);
  }

  /**
   * Records the hash of the redemption transaction about to be sent for a submitted ticket,
   * durably, so that a restart can find out what became of it.
   */
  public void recordTransaction(long id, String txHash) {
    db.execute(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE winning_tickets SET tx_hash = ?, updated_at_ms = ? WHERE id = ?")) {
        s.setString(1, txHash);
        s.setLong(2, clock.millis());
        s.setLong(3, id);
        if (s.executeUpdate() != 1) {
          throw new IllegalArgumentException("no winning ticket with id " + id);
        }
      }
    });
  }

  public void markRedeemed(long id, BigInteger amountPaid) {
    update(id, RedemptionState.REDEEMED, null, amountPaid);
  }

  public void markFailed(long id, String reason) {
    update(id, RedemptionState.FAILED, reason, null);
  }

  /** Puts the ticket back in the queue, noting why the attempt did not go through; it forgets the attempt's transaction. */
  public void requeue(long id, String lastError) {
    update(id, RedemptionState.QUEUED, lastError, null);
  }

  private void update(long id, RedemptionState state, String note, BigInteger amountPaid) {
    long now = clock.millis();
    db.execute(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE winning_tickets SET state = ?, note = ?, amount_paid = ?, updated_at_ms = ?,"
              + " tx_hash = CASE WHEN ? = 'QUEUED' THEN NULL ELSE tx_hash END WHERE id = ?")) {
        s.setString(1, state.name());
        s.setString(2, note);
        s.setString(3, amountPaid == null ? null : amountPaid.toString());
        s.setLong(4, now);
        s.setString(5, state.name());
        s.setLong(6, id);
        if (s.executeUpdate() != 1) {
          throw new IllegalArgumentException("no winning ticket with id " + id);
        }
      }
    });
  }

  private static List<StoredTicket> readAll(PreparedStatement s) throws SQLException {
    List<StoredTicket> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Ticket ticket = new Ticket(
            EthAddress.of(rs.getBytes("recipient")),
            EthAddress.of(rs.getBytes("sender")),
            new BigInteger(rs.getString("face_value")),
            new BigInteger(rs.getString("win_prob")),
            rs.getLong("sender_nonce"),
            Bytes32.of(rs.getBytes("recipient_rand_hash")),
            new ExpirationParams(rs.getLong("creation_round"), Bytes32.of(rs.getBytes("creation_round_block_hash"))));
        WinningTicket winner = new WinningTicket(ticket, rs.getBytes("signature"),
            new BigInteger(rs.getString("recipient_rand")), rs.getLong("params_expiration_block"));
        String paid = rs.getString("amount_paid");
        out.add(new StoredTicket(rs.getLong("id"), winner, RedemptionState.valueOf(rs.getString("state")),
            rs.getString("note"), paid == null ? null : new BigInteger(paid), rs.getString("tx_hash")));
      }
    }
    return out;
  }

  @Override
  public void close() {
    db.close();
  }
}
