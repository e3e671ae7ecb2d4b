package dev.lpnode.payments.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeccakTest {
  private static String keccakHex(String text) {
    return Hex.encode(Keccak.keccak256(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void emptyInputHasEthereumsWellKnownHash() {
    assertThat(Hex.encode(Keccak.keccak256())).isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void contractNameAndSelectorsMatchTheSpec() {
    assertThat(keccakHex("TicketBroker")).isEqualTo("bd1aa3e8d2464256d7fd3dcf645c16418d5d8c51d971f1ad7d57e7b1b5eee239");
    assertThat(keccakHex("usedTickets(bytes32)")).startsWith("59a515ba");
    assertThat(keccakHex("getSenderInfo(address)")).startsWith("e1a589da");
  }

  @Test
  void partsHashAsTheirConcatenation() {
    byte[] whole = Keccak.keccak256("blockhash".getBytes(StandardCharsets.UTF_8));
    byte[] split = Keccak.keccak256("block".getBytes(StandardCharsets.UTF_8), "hash".getBytes(StandardCharsets.UTF_8));
    assertThat(split).isEqualTo(whole);
    assertThat(Hex.encode(whole)).isEqualTo("d60ee5d9b1a312631632d0ab8816ca64259093d8ab0b4d29f35db6a6151b0f8d");
  }
}
