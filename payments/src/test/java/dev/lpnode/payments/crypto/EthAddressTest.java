package dev.lpnode.payments.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EthAddressTest {
  @Test
  void printsTheEip55ChecksumForm() {
    EthAddress a = EthAddress.fromHex("0x73aed7b5deb30222fa896f399d46cc99c7bee57f");
    assertThat(a.toString()).isEqualTo("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");
    assertThat(a.toHex()).isEqualTo("0x73aed7b5deb30222fa896f399d46cc99c7bee57f");
    assertThat(EthAddress.fromHex(a.toString())).isEqualTo(a);
  }

  @Test
  void readsWireBytesLikeGoBytesToAddress() {
    byte[] shortValue = {1, 2};
    assertThat(EthAddress.fromWire(shortValue).toHex()).isEqualTo("0x" + "00".repeat(18) + "0102");
    byte[] longValue = new byte[22];
    longValue[0] = 9;
    longValue[21] = 7;
    assertThat(EthAddress.fromWire(longValue).toHex()).isEqualTo("0x" + "00".repeat(19) + "07");
    assertThat(EthAddress.fromWire(new byte[0])).isEqualTo(EthAddress.ZERO);
  }

  @Test
  void rejectsMalformedInputWithAClearMessage() {
    assertThatThrownBy(() -> EthAddress.fromHex("0x1234")).hasMessageContaining("expected 20 bytes");
    assertThatThrownBy(() -> EthAddress.fromHex("0xzz")).hasMessageContaining("invalid address");
    assertThatThrownBy(() -> EthAddress.of(new byte[19])).hasMessageContaining("20 bytes");
  }
}
