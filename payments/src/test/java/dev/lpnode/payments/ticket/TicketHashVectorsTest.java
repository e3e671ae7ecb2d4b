package dev.lpnode.payments.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream vectors of protocol.md §5.10 A: go-livepeer pm/ticket_test.go (TestHash, TestAuxData, TestEV). */
class TicketHashVectorsTest {
  private static final String HASH_41B1 = "41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d";

  @ParameterizedTest(name = "recipient={0} faceValue={1} winProb={2} nonce={3}")
  @CsvSource({
      "0, 0, 0, 4294967295, 0, 0, 0, e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280",
      "0, 0, 0, 1, 0, 0, 0, ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68",
      "0, 1, 500, 0, 0, 0, 0, 87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd",
      "0, 500, 1, 0, 0, 0, 0, aa4b35071043587992ac8b9dd1b2cf1d8311130e6458cf0b2342484e21af5f5b",
      "0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F, 0, 0, 0, 0, 0, 0, 81e353ae39046e2b77b9f996abbaeed527fda559b61ef90f299c4499dd508ccc",
      "0, 0, 0, 0, " + HASH_41B1 + ", 0, 0, be5eaf9a49a39540b9bb02f1a21904f61324a29819e2c032824bfaa10c100b17",
      "0, 0, 0, 0, 0, 10, " + HASH_41B1 + ", e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2",
  })
  void ticketHashMatchesGoLivepeer(String recipient, long faceValue, long winProb, long nonce, String randHash,
      long creationRound, String creationRoundHash, String expectedHash) {
    Ticket ticket = new Ticket(
        recipient.equals("0") ? EthAddress.ZERO : EthAddress.fromHex(recipient),
        EthAddress.ZERO,
        BigInteger.valueOf(faceValue),
        BigInteger.valueOf(winProb),
        nonce,
        bytes32(randHash),
        new ExpirationParams(creationRound, bytes32(creationRoundHash)));
    assertThat(ticket.hash().toHex()).isEqualTo(expectedHash);
  }

  private static Bytes32 bytes32(String hexOrZero) {
    return hexOrZero.equals("0") ? Bytes32.ZERO : Bytes32.fromHex(hexOrZero);
  }

  @Test
  void realTicketsPack232Bytes() {
    Ticket ticket = new Ticket(EthAddress.ZERO, EthAddress.ZERO, BigInteger.ONE, BigInteger.ONE, 1, Bytes32.ZERO,
        new ExpirationParams(1, Bytes32.fromHex(HASH_41B1)));
    assertThat(ticket.packed()).hasSize(232);
  }

  @Test
  void auxDataVectors() {
    Bytes32 hash = Bytes32.fromHex("7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f");
    assertThat(Hex.encode(new ExpirationParams(5, hash).auxData()))
        .isEqualTo("00".repeat(31) + "05" + "7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f");
    assertThat(Hex.encode(new ExpirationParams(0, hash).auxData())).isEqualTo("00".repeat(32) + hash.toHex());
    assertThat(Hex.encode(new ExpirationParams(5, Bytes32.ZERO).auxData())).isEqualTo("00".repeat(31) + "05" + "00".repeat(32));
    assertThat(new ExpirationParams(0, Bytes32.ZERO).auxData()).isEmpty();
  }

  @Test
  void expectedValueVectors() {
    BigInteger faceValue = BigInteger.valueOf(1000);
    BigInteger half = Uint256.MAX.divide(BigInteger.TWO);
    assertThat(WinProbability.expectedValue(faceValue, half).toDecimalString(0)).isEqualTo("500");
    assertThat(WinProbability.expectedValue(faceValue, Uint256.MAX)).isEqualTo(Rational.of(1000));
  }
}
