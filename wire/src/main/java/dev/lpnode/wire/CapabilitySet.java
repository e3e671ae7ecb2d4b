package dev.lpnode.wire;

import dev.lpnode.wire.net.Capabilities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A set of capabilities in Livepeer's bitstring form: capability {@code c} is bit {@code c % 64}
 * of word {@code c / 64}.
 */
public final class CapabilitySet {
  private final long[] words;

  private CapabilitySet(long[] words) {
    int length = words.length;
    while (length > 0 && words[length - 1] == 0) {
      length--;
    }
    this.words = Arrays.copyOf(words, length);
  }

  public static CapabilitySet of(Collection<Capability> capabilities) {
    long[] words = new long[0];
    for (Capability c : capabilities) {
      int word = c.number() / 64;
      if (word >= words.length) {
        words = Arrays.copyOf(words, word + 1);
      }
      words[word] |= 1L << (c.number() % 64);
    }
    return new CapabilitySet(words);
  }

  public static CapabilitySet of(Capability... capabilities) {
    return of(List.of(capabilities));
  }

  public static CapabilitySet ofWords(List<Long> words) {
    return new CapabilitySet(words.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * What an orchestrator with a local transcoder advertises by default: bits 0–12, 14 and 26
   * (word 0 = 0x4005FFF), as go-livepeer does.
   */
  public static CapabilitySet orchestratorDefaults() {
    List<Capability> caps = new ArrayList<>();
    for (Capability c : Capability.values()) {
      if (c.number() <= 12 || c == Capability.MPEG7_VIDEO_SIGNATURE || c == Capability.SEGMENT_SLICING) {
        caps.add(c);
      }
    }
    return of(caps);
  }

  public boolean contains(Capability c) {
    int word = c.number() / 64;
    return word < words.length && (words[word] & (1L << (c.number() % 64))) != 0;
  }

  /** Whether every capability of {@code other} is in this set (go-livepeer's word-by-word {@code b & o == b}). */
  public boolean containsAll(CapabilitySet other) {
    if (other.words.length > words.length) {
      return false;
    }
    for (int i = 0; i < other.words.length; i++) {
      if ((other.words[i] & words[i]) != other.words[i]) {
        return false;
      }
    }
    return true;
  }

  public List<Long> words() {
    return Arrays.stream(words).boxed().toList();
  }

  /** The numbers of the capabilities in this set, ascending. */
  public List<Integer> numbers() {
    List<Integer> numbers = new ArrayList<>();
    for (int w = 0; w < words.length; w++) {
      for (int b = 0; b < 64; b++) {
        if ((words[w] & (1L << b)) != 0) {
          numbers.add(w * 64 + b);
        }
      }
    }
    return numbers;
  }

  /** The wire form with a version string and, for each capability, the same capacity. */
  public Capabilities toNet(String version, int capacity) {
    Capabilities.Builder b = Capabilities.newBuilder().addAllBitstring(words()).setVersion(version);
    for (int n : numbers()) {
      b.putCapacities(n, capacity);
    }
    return b.build();
  }

  public static CapabilitySet fromNet(Capabilities capabilities) {
    return ofWords(capabilities.getBitstringList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapabilitySet other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "CapabilitySet" + numbers();
  }
}
