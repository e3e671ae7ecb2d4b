package dev.lpnode.payments.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.testing.MutableClock;
import dev.lpnode.payments.ticket.Bytes32;
import dev.lpnode.payments.ticket.ExpirationParams;
import dev.lpnode.payments.ticket.Ticket;
import dev.lpnode.payments.ticket.Uint256;
import dev.lpnode.storage.SqliteDatabase;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinningTicketStoreTest {
  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock();

  private static WinningTicket winner(long nonce) {
    Ticket t = new Ticket(EthAddress.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        EthAddress.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        Uint256.MAX, // far beyond SQLite's 64-bit integers
        BigInteger.TWO.pow(200), nonce, Bytes32.fromHex("ab".repeat(32)), new ExpirationParams(3500, Bytes32.fromHex("cd".repeat(32))));
    return new WinningTicket(t, new byte[65], BigInteger.TWO.pow(255).add(BigInteger.valueOf(nonce)), 20_000_040);
  }

  @Test
  void winnersRoundTripExactlyAndSurviveAReopen() {
    Path file = dir.resolve("tickets.db");
    try (WinningTicketStore store = WinningTicketStore.open(file, clock)) {
      store.add(List.of(winner(1), winner(2)));
    }
    try (WinningTicketStore store = WinningTicketStore.open(file, clock)) {
      List<StoredTicket> queued = store.inState(RedemptionState.QUEUED);
      assertThat(queued).hasSize(2);
      WinningTicket back = queued.get(0).winner();
      assertThat(back.ticket()).isEqualTo(winner(1).ticket());
      assertThat(back.recipientRand()).isEqualTo(winner(1).recipientRand());
      assertThat(back.signature()).isEqualTo(new byte[65]);
      assertThat(back.paramsExpirationBlock()).isEqualTo(20_000_040);
      assertThat(store.find(winner(2).ticket().hash())).isPresent();
    }
  }

  @Test
  void theSameTicketIsStoredOnce() {
    try (WinningTicketStore store = WinningTicketStore.open(dir.resolve("t.db"), clock)) {
      store.add(List.of(winner(1)));
      store.add(List.of(winner(1), winner(2)));
      assertThat(store.countByState().get(RedemptionState.QUEUED)).isEqualTo(2);
    }
  }

  @Test
  void statesAndNotesAreRecorded() {
    try (WinningTicketStore store = WinningTicketStore.open(dir.resolve("t.db"), clock)) {
      store.add(List.of(winner(1), winner(2), winner(3)));
      List<StoredTicket> queued = store.inState(RedemptionState.QUEUED);
      store.markSubmitted(queued.get(0).id());
      store.markRedeemed(queued.get(1).id(), BigInteger.valueOf(123));
      store.markFailed(queued.get(2).id(), "ticket is used");
      assertThat(store.inState(RedemptionState.SUBMITTED)).hasSize(1);
      assertThat(store.inState(RedemptionState.REDEEMED).get(0).amountPaid()).isEqualTo(BigInteger.valueOf(123));
      assertThat(store.inState(RedemptionState.FAILED).get(0).note()).isEqualTo("ticket is used");
      store.requeue(queued.get(0).id(), "node unreachable");
      assertThat(store.inState(RedemptionState.QUEUED).get(0).note()).isEqualTo("node unreachable");
      assertThatThrownBy(() -> store.markFailed(999, "x")).hasMessageContaining("no winning ticket with id 999");
    }
  }

  @Test
  void aRedemptionTransactionIsKeptUntilTheTicketIsQueuedAgain() {
    Path file = dir.resolve("t.db");
    String hash = "0x" + "12".repeat(32);
    try (WinningTicketStore store = WinningTicketStore.open(file, clock)) {
      store.add(List.of(winner(1), winner(2)));
      List<StoredTicket> queued = store.inState(RedemptionState.QUEUED);
      store.markSubmitted(queued.get(0).id());
      store.recordTransaction(queued.get(0).id(), hash);
      store.markSubmitted(queued.get(1).id());
      store.recordTransaction(queued.get(1).id(), hash);
      store.markRedeemed(queued.get(1).id(), BigInteger.ONE);
    }
    try (WinningTicketStore store = WinningTicketStore.open(file, clock)) {
      StoredTicket submitted = store.inState(RedemptionState.SUBMITTED).get(0);
      assertThat(submitted.txHash()).isEqualTo(hash);
      assertThat(store.inState(RedemptionState.REDEEMED).get(0).txHash()).isEqualTo(hash);
      store.requeue(submitted.id(), "dropped");
      assertThat(store.inState(RedemptionState.QUEUED).get(0).txHash()).isNull();
      assertThatThrownBy(() -> store.recordTransaction(999, hash)).hasMessageContaining("no winning ticket with id 999");
    }
  }

  @Test
  void theSchemaIsVersioned() {
    Path file = dir.resolve("t.db");
    WinningTicketStore.open(file, clock).close();
    try (SqliteDatabase db = SqliteDatabase.open(file, List.of())) {
      assertThat(db.schemaVersion()).isEqualTo(2);
    }
  }
}
