package dev.lpnode.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlagsTest {
  private static Flags flags() {
    return new Flags().string("in", "", "input").string("n", "1", "count").bool("live", true, "live")
        .string("delay", "300ms", "delay");
  }

  @Test
  void readsTheWaysGoWritesFlags() {
    Flags flags = flags().parse(new String[] {"-in", "a.m3u8", "--n=4", "-live=false", "-delay", "1.5s"});
    assertThat(flags.get("in")).isEqualTo("a.m3u8");
    assertThat(flags.getInt("n")).isEqualTo(4);
    assertThat(flags.getBool("live")).isFalse();
    assertThat(flags.getDuration("delay")).isEqualTo(Duration.ofMillis(1500));
    assertThat(flags().parse(new String[] {"-live"}).getBool("live")).isTrue();
  }

  @Test
  void defaultsAndDurations() {
    Flags flags = flags().parse(new String[0]);
    assertThat(flags.getDuration("delay")).isEqualTo(Duration.ofMillis(300));
    assertThat(flags.isSet("delay")).isFalse();
    assertThat(flags().parse(new String[] {"-delay", "1m30s"}).getDuration("delay")).isEqualTo(Duration.ofSeconds(90));
    assertThat(flags().parse(new String[] {"-delay", "250"}).getDuration("delay")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void rejectsWhatGoRejects() {
    assertThatThrownBy(() -> flags().parse(new String[] {"-nope"})).hasMessageContaining("not defined: -nope");
    assertThatThrownBy(() -> flags().parse(new String[] {"-in"})).hasMessageContaining("needs an argument");
    assertThatThrownBy(() -> flags().parse(new String[] {"-n", "x"}).getInt("n")).hasMessageContaining("not an integer");
    assertThatThrownBy(() -> flags().parse(new String[] {"-delay", "soon"}).getDuration("delay"))
        .hasMessageContaining("invalid duration");
  }
}
