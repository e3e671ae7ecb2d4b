package dev.lpnode.payments.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.ticket.Rational;
import org.junit.jupiter.api.Test;

/** go-livepeer's gateway credit: reserve while in flight, give back, spend, or settle with change. */
class SessionCreditTest {
  private static final Rational EV = Rational.of(100);
  private final SessionCredit credit = new SessionCredit();

  @Test
  void aResultSettlesExistingPlusNewCreditMinusDebit() {
    BalanceUpdate first = credit.stage(Rational.of(250), EV);
    assertThat(first.numTickets()).isEqualTo(3);
    first.creditSpent();
    first.receivedChange(Rational.of(240));
    credit.complete(first);
    assertThat(credit.balance()).isEqualTo(Rational.of(60));

    BalanceUpdate second = credit.stage(Rational.of(250), EV);
    assertThat(second.existingCredit()).isEqualTo(Rational.of(60));
    assertThat(credit.balance()).isEqualTo(Rational.ZERO); // reserved while in flight
    assertThat(second.numTickets()).isEqualTo(2); // ceil((250 − 60) / 100)
  }

  @Test
  void enoughCreditSendsNoTicketsAndTheMinimumIsOneTicketsEv() {
    BalanceUpdate u = credit.stage(Rational.of(10), EV);
    assertThat(u.numTickets()).isEqualTo(1); // max(fee, ev) = 100
    u.receivedChange(Rational.of(10));
    credit.complete(u);
    assertThat(credit.balance()).isEqualTo(Rational.of(90));
    credit.complete(credit.stage(Rational.of(50), Rational.of(80)));
    assertThat(credit.stage(Rational.of(50), Rational.of(80)).numTickets()).isZero();
  }

  @Test
  void anUnsentUpdateGivesItsCreditBackAndASpentOneLosesIt() {
    BalanceUpdate u = credit.stage(Rational.ZERO, EV);
    u.receivedChange(Rational.ZERO);
    credit.complete(u);
    assertThat(credit.balance()).isEqualTo(EV);

    credit.complete(credit.stage(Rational.of(500), EV)); // never sent
    assertThat(credit.balance()).isEqualTo(EV);

    BalanceUpdate lost = credit.stage(Rational.of(500), EV);
    lost.creditSpent(); // reached the orchestrator, which returned an error
    credit.complete(lost);
    assertThat(credit.balance()).isEqualTo(Rational.ZERO);
  }

  @Test
  void aDebitAboveTheCreditLeavesANegativeBalance() {
    BalanceUpdate u = credit.stage(Rational.of(100), EV);
    u.receivedChange(Rational.of(130));
    credit.complete(u);
    assertThat(credit.balance()).isEqualTo(Rational.of(-30));
    assertThat(credit.stage(Rational.of(100), EV).numTickets()).isEqualTo(2);
  }
}
