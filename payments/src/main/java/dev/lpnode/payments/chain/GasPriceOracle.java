package dev.lpnode.payments.chain;

import java.math.BigInteger;

/** The gas price used to cost a redemption; implementations apply {@code -minGasPrice}. */
public interface GasPriceOracle {
  /** Wei per gas; zero if unknown. */
  BigInteger gasPrice();
}
