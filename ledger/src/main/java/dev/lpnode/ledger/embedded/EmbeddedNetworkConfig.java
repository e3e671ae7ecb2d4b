package dev.lpnode.ledger.embedded;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flag;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.payments.chain.EmbeddedTicketBroker;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.ParamsExpiry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/** The embedded network's settings from the node's flags (group "Embedded network"), with clear errors for bad values. */
public final class EmbeddedNetworkConfig {
  private static final BigDecimal PPM_PER_PERCENT = BigDecimal.valueOf(10_000);

  private EmbeddedNetworkConfig() {}

  /**
   * The settings for a node whose account is {@code account}; an orchestrator's account gets
   * {@code -embeddedStake} bonded and registered with {@code -blockRewardCut} and {@code -feeShare}
   * when the network is created, any other account only development ETH.
   *
   * @throws ConfigException naming the flag, for a value the network cannot use, such as rounds too
   *     short to redeem winning tickets in ({@link ParamsExpiry#requireRedeemable})
   */
  public static EmbeddedNetwork.Settings settings(NodeConfig config, EthAddress account) {
    EmbeddedNetwork.Genesis genesis = config.orchestrator()
        ? EmbeddedNetwork.Genesis.orchestrator(config.get(Flags.EMBEDDED_STAKE), ppm(config.get(Flags.BLOCK_REWARD_CUT)),
            ppm(config.get(Flags.FEE_SHARE)))
        : EmbeddedNetwork.Genesis.gateway();
    EmbeddedTicketBroker.Parameters broker = EmbeddedTicketBroker.Parameters.ARBITRUM_MAINNET;
    try {
      ParamsExpiry.requireRedeemable(config.get(Flags.ROUND_LENGTH), broker.ticketValidityPeriod());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid value for flag -" + Flags.ROUND_LENGTH.name() + ": " + e.getMessage());
    }
    return new EmbeddedNetwork.Settings(parameters(config), account, genesis, config.get(Flags.REWARD),
        config.get(Flags.EMBEDDED_GAS_PRICE), broker);
  }

  /** Every {@link NetworkParameter} from the flag of the same name. */
  public static NetworkParameters parameters(NodeConfig config) {
    NetworkParameters params = NetworkParameters.defaults();
    for (Flag<?> flag : Flags.NETWORK_PARAMETERS) {
      NetworkParameter parameter = NetworkParameter.byKey(flag.name());
      Object value = config.get(flag);
      try {
        params = params.with(parameter, toInteger(value));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid value for flag -" + flag.name() + ": " + e.getMessage());
      }
    }
    return params;
  }

  /** A flag's value in the parameter's integer unit: durations in milliseconds, the work metric by its number. */
  private static BigInteger toInteger(Object value) {
    if (value instanceof Duration d) {
      if (d.toNanos() % 1_000_000 != 0) {
        throw new IllegalArgumentException("must be a whole number of milliseconds");
      }
      return BigInteger.valueOf(d.toMillis());
    }
    if (value instanceof String metric) {
      return BigInteger.valueOf(metric.equals("fees") ? 1 : 0);
    }
    if (value instanceof BigInteger b) {
      return b;
    }
    return BigInteger.valueOf((Long) value);
  }

  /** go-livepeer's {@code eth.FromPerc}: a percentage as ppm. */
  private static long ppm(double percent) {
    return BigDecimal.valueOf(percent).multiply(PPM_PER_PERCENT).longValue();
  }
}
