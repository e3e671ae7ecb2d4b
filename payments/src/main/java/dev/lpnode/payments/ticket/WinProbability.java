package dev.lpnode.payments.ticket;

import dev.lpnode.payments.crypto.Keccak;
import java.math.BigInteger;

/**
 * The probabilistic side of a ticket. winProb is a numerator over 2^256 − 1 (not 2^256), so a
 * ticket's expected value is {@code faceValue × winProb / (2^256 − 1)}, kept exact.
 */
public final class WinProbability {
  /** winProb of a ticket that always wins. */
  public static final BigInteger CERTAIN = Uint256.MAX;

  private WinProbability() {
  }

  /** The exact expected value in wei of a ticket: {@code faceValue × winProb / (2^256 − 1)}. */
  public static Rational expectedValue(BigInteger faceValue, BigInteger winProb) {
    return Rational.of(faceValue.multiply(winProb), Uint256.MAX);
  }

  /** The exact total expected value of {@code tickets} tickets with these values, in one division. */
  public static Rational expectedValue(BigInteger faceValue, BigInteger winProb, int tickets) {
    return Rational.of(faceValue.multiply(winProb).multiply(BigInteger.valueOf(tickets)), Uint256.MAX);
  }

  /**
   * go-livepeer's winProb for a target EV at a face value: 0 for a zero face value, certain when
   * the face value equals the EV, else {@code ev × ceil((2^256 − 1) / faceValue)}, rounded up so the
   * EV is never below the target.
   */
  public static BigInteger forExpectedValue(BigInteger faceValue, BigInteger ev) {
    if (faceValue.signum() == 0) {
      return BigInteger.ZERO;
    }
    if (faceValue.equals(ev)) {
      return CERTAIN;
    }
    BigInteger[] qr = Uint256.MAX.divideAndRemainder(faceValue);
    BigInteger quotient = qr[1].signum() != 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    return ev.multiply(quotient);
  }

  /** The win test, identical on and off chain: {@code uint256(keccak256(sig ‖ u256(recipientRand))) < winProb}. */
  public static boolean isWinning(byte[] signature, BigInteger recipientRand, BigInteger winProb) {
    byte[] draw = Keccak.keccak256(signature, Uint256.toBytes32(recipientRand));
    return new BigInteger(1, draw).compareTo(winProb) < 0;
  }

  /** {@code keccak256(u256(recipientRand))}, the commitment a ticket carries. */
  public static Bytes32 recipientRandHash(BigInteger recipientRand) {
    return Bytes32.wrap(Keccak.keccak256(Uint256.toBytes32(recipientRand)));
  }
}
