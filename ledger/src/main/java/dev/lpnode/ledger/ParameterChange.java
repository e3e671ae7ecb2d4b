package dev.lpnode.ledger;

import java.math.BigInteger;
import java.util.Objects;

/** One parameter change carried by a governance proposal. */
public record ParameterChange(NetworkParameter parameter, BigInteger value) {
  public ParameterChange {
    Objects.requireNonNull(parameter, "parameter");
    if (!parameter.governed()) {
      throw new IllegalArgumentException(parameter.key() + " is not a governed parameter");
    }
    parameter.check(value);
  }

  public static ParameterChange of(NetworkParameter parameter, long value) {
    return new ParameterChange(parameter, BigInteger.valueOf(value));
  }

  @Override
  public String toString() {
    return parameter.key() + "=" + value;
  }
}
