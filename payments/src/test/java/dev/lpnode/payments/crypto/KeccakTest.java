package dev.lpnode.payments.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.payments.ticket.Uint256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  /**
   * protocol.md §5.10 A, go-livepeer core/stream_test.go: keccak256 of a segment's flatten,
   * manifestID ‖ u256(seq) ‖ hash ‖ profiles-hex. (The profile IDs themselves are the wire module's.)
   */
  @Test
  void segmentFlattenVector() {
    byte[] hash = Arrays.copyOf("browns".getBytes(StandardCharsets.US_ASCII), 32);
    byte[] digest = Keccak.keccak256("abcdef".getBytes(StandardCharsets.UTF_8), Uint256.toBytes32(BigInteger.valueOf(1234)),
        hash, "fca40bf9c0a6517a".getBytes(StandardCharsets.US_ASCII));
    assertThat(Hex.encode(digest)).isEqualTo("08a398e7e7a5a545b0b07d9e7e1eab52b4131e0df1621bd53ee6e7550a15465b");
  }
}
