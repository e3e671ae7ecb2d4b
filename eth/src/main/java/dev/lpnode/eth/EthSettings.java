package dev.lpnode.eth;

import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to join a chain network, from the node's flags.
 *
 * @param network              {@code -network}
 * @param ethUrl               {@code -ethUrl}
 * @param chainId              the chain id the node must find there, 0 for a custom network (any)
 * @param controller           {@code -ethController}, or the known network's Controller
 * @param redeemGas            gas a redemption is costed at: 1,200,000 on Arbitrum One, 350,000 elsewhere (go-livepeer's)
 * @param blockPollingInterval {@code -blockPollingInterval}
 * @param minGasPrice          {@code -minGasPrice}: the lowest gas price redemptions are costed at, in wei
 * @param initializeRound      {@code -initializeRound}
 * @param reward               {@code -reward}
 */
public record EthSettings(String network, String ethUrl, long chainId, EthAddress controller, long redeemGas,
    Duration blockPollingInterval, BigInteger minGasPrice, Transactions.Settings transactions, boolean initializeRound,
    boolean reward) {
  /** A network go-livepeer knows by name. */
  public record KnownNetwork(String name, long chainId, EthAddress controller, long redeemGas) {
  }

  public static final KnownNetwork ARBITRUM_ONE = new KnownNetwork("arbitrum-one-mainnet", 42161,
      EthAddress.fromHex("0xD8E8328501E9645d16Cf49539efC04f734606ee4"), 1_200_000);
  /** go-livepeer's redemption gas on L1 and on networks it does not know. */
  public static final long REDEEM_GAS_OTHER = 350_000;

  public EthSettings {
    Objects.requireNonNull(ethUrl, "ethUrl");
    Objects.requireNonNull(controller, "controller");
    if (blockPollingInterval.isNegative() || blockPollingInterval.isZero()) {
      throw new IllegalArgumentException("-blockPollingInterval must be positive");
    }
  }

  public static Optional<KnownNetwork> known(String network) {
    return network.equals(ARBITRUM_ONE.name()) ? Optional.of(ARBITRUM_ONE) : Optional.empty();
  }
}
