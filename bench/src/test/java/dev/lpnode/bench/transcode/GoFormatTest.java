package dev.lpnode.bench.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class GoFormatTest {
  @Test
  void fourSignificantDigitsLikeGo() {
    assertThat(GoFormat.float4(2.0)).isEqualTo("2");
    assertThat(GoFormat.float4(0.51234)).isEqualTo("0.5123");
    assertThat(GoFormat.float4(12.345)).isEqualTo("12.35");
    assertThat(GoFormat.float4(2.066667)).isEqualTo("2.067");
    assertThat(GoFormat.float4(12345.6)).isEqualTo("1.235e+04");
    assertThat(GoFormat.float4(0.00001234)).isEqualTo("1.234e-05");
    assertThat(GoFormat.float4(0)).isEqualTo("0");
  }

  @Test
  void timestampsDropTrailingZeros() {
    assertThat(GoFormat.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000))).isEqualTo("2024-01-02 03:04:05.12");
    assertThat(GoFormat.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 0))).isEqualTo("2024-01-02 03:04:05");
    assertThat(GoFormat.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789))).isEqualTo("2024-01-02 03:04:05.1234");
  }

  @Test
  void tablesLookLikeTablewriters() {
    assertThat(new Table().row("Concurrent Sessions", 1).row("* Real-Time Segs Ratio *", "0.5").render()).isEqualTo("""
        *--------------------------*-----*
        | Concurrent Sessions      | 1   |
        | * Real-Time Segs Ratio * | 0.5 |
        *--------------------------*-----*
        """);
  }
}
