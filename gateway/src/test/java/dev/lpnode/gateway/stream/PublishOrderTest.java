package dev.lpnode.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishOrderTest {
  @Test
  void releasesInReservationOrderAndSkipsFailures() {
    PublishOrder<String> order = new PublishOrder<>();
    PublishOrder.Ticket<String> a = order.reserve();
    PublishOrder.Ticket<String> b = order.reserve();
    PublishOrder.Ticket<String> c = order.reserve();
    PublishOrder.Ticket<String> d = order.reserve();

    assertThat(order.complete(c, "c")).isEmpty();
    assertThat(order.fail(b)).isEmpty();
    assertThat(order.pending()).isEqualTo(4);
    assertThat(order.complete(a, "a")).containsExactly("a", "c");
    assertThat(order.pending()).isEqualTo(1);
    assertThat(order.complete(d, "d")).containsExactly("d");
    assertThat(order.pending()).isZero();
  }
}
