package dev.lpnode.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void readsGoLivepeerStyleAddresses() {
    assertThat(ListenAddress.parse("127.0.0.1:1935")).isEqualTo(new ListenAddress("127.0.0.1", 1935));
    assertThat(ListenAddress.parse(":9935")).isEqualTo(new ListenAddress("0.0.0.0", 9935));
    assertThat(ListenAddress.parse("[::1]:1935")).isEqualTo(new ListenAddress("::1", 1935));
    assertThat(new ListenAddress("::1", 1935)).hasToString("[::1]:1935");
    assertThatThrownBy(() -> ListenAddress.parse("1935")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListenAddress.parse("host:http")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListenAddress.parse("host:70000")).isInstanceOf(IllegalArgumentException.class);
  }
}
