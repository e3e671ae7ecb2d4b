package dev.lpnode.payments.sender;

import java.math.BigInteger;

/**
 * A gateway's limits on the ticket params it accepts (protocol.md §5.5).
 *
 * @param maxTicketEV       {@code -maxTicketEV}: highest EV of one ticket, wei
 * @param maxTotalEV        {@code -maxTotalEV}: highest EV of all tickets in one payment, wei
 * @param depositMultiplier {@code -depositMultiplier}: face values may be at most deposit / this
 */
public record SenderConfig(BigInteger maxTicketEV, BigInteger maxTotalEV, int depositMultiplier) {
  public static final BigInteger DEFAULT_MAX_TICKET_EV = BigInteger.valueOf(3_000_000_000_000L);
  public static final BigInteger DEFAULT_MAX_TOTAL_EV = BigInteger.valueOf(20_000_000_000_000L);
  public static final int DEFAULT_DEPOSIT_MULTIPLIER = 1;

  public SenderConfig {
    if (maxTicketEV.signum() < 0 || maxTotalEV.signum() < 0) {
      throw new IllegalArgumentException("-maxTicketEV and -maxTotalEV must not be negative");
    }
    if (depositMultiplier < 1) {
      throw new IllegalArgumentException("-depositMultiplier must be at least 1, got " + depositMultiplier);
    }
  }

  public static SenderConfig defaults() {
    return new SenderConfig(DEFAULT_MAX_TICKET_EV, DEFAULT_MAX_TOTAL_EV, DEFAULT_DEPOSIT_MULTIPLIER);
  }
}
