package dev.lpnode.payments.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.testing.PaymentsFixture;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** protocol.md §5.8: max float from the reserve share and pending redemptions. */
class SenderMonitorTest {
  @TempDir
  Path dir;

  @Test
  void maxFloatIsTheReserveShareLessPendingUnlessTheDepositCoversItThreeTimes() {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      EthAddress s = EthAddress.fromHex("0x00000000000000000000000000000000000000aa");
      f.chain.activate(EthAddress.fromHex("0x00000000000000000000000000000000000000bb")); // pool of 2
      f.broker.fundDepositAndReserveFor(s, s, BigInteger.valueOf(300), BigInteger.valueOf(1000));
      assertThat(f.senders.reserveAlloc(s)).isEqualTo(BigInteger.valueOf(500));
      assertThat(f.senders.maxFloat(s)).isEqualTo(BigInteger.valueOf(500));

      f.senders.addPending(s, BigInteger.valueOf(100)); // 300 ≥ 3 × 100: ignored
      assertThat(f.senders.maxFloat(s)).isEqualTo(BigInteger.valueOf(500));
      f.senders.addPending(s, BigInteger.valueOf(1)); // 300 < 3 × 101
      assertThat(f.senders.maxFloat(s)).isEqualTo(BigInteger.valueOf(399));
      assertThat(f.senders.availableFunds(s)).isEqualTo(BigInteger.valueOf(500 + 300 - 101));

      f.senders.removePending(s, BigInteger.valueOf(101));
      assertThat(f.senders.pendingAmount(s)).isZero();
    }
  }

  @Test
  void noActiveSetMeansNoReserveShare() {
    try (PaymentsFixture f = new PaymentsFixture(dir)) {
      f.chain.deactivate(PaymentsFixture.ORCHESTRATOR.address());
      assertThat(f.senders.maxFloat(f.gateway())).isZero();
    }
  }
}
