package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What an orchestrator's ticket params are made from.
 *
 * @param recipient    the ticket recipient: {@code -ethOrchAddr}, else the node's own address
 * @param ticketEV     {@code -ticketEV}: expected value of one ticket in wei
 * @param maxFaceValue {@code -maxFaceValue}: cap on face values in wei; 0 means no cap
 * @param redeemGas    gas a redemption costs: {@link #REDEEM_GAS_ARBITRUM} or {@link #REDEEM_GAS_L1}
 */
public record RecipientConfig(EthAddress recipient, BigInteger ticketEV, BigInteger maxFaceValue, long redeemGas) {
  public static final BigInteger DEFAULT_TICKET_EV = BigInteger.valueOf(8_000_000_000L);
  public static final long REDEEM_GAS_ARBITRUM = 1_200_000;
  /** On L1 and networks go-livepeer does not know. */
  public static final long REDEEM_GAS_L1 = 350_000;
  /** Face value = redemption cost × this, so redeeming costs at most 1% of what a ticket pays. */
  public static final BigInteger TX_COST_MULTIPLIER = BigInteger.valueOf(100);

  public RecipientConfig {
    Objects.requireNonNull(recipient, "recipient");
    if (ticketEV.signum() <= 0) {
      throw new IllegalArgumentException("-ticketEV must be positive, got " + ticketEV);
    }
    if (maxFaceValue.signum() < 0) {
      throw new IllegalArgumentException("-maxFaceValue must not be negative, got " + maxFaceValue);
    }
    if (redeemGas <= 0) {
      throw new IllegalArgumentException("redeem gas must be positive, got " + redeemGas);
    }
  }

  /** go-livepeer's defaults on Arbitrum One: EV 8e9 wei, no face value cap. */
  public static RecipientConfig arbitrumDefaults(EthAddress recipient) {
    return new RecipientConfig(recipient, DEFAULT_TICKET_EV, BigInteger.ZERO, REDEEM_GAS_ARBITRUM);
  }
}
