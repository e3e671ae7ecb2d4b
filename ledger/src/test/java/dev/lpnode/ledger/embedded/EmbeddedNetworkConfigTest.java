package dev.lpnode.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.ConfigLoader;
import dev.lpnode.config.Flag;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.WorkMetric;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedNetworkConfigTest {
  private static final EthAddress ACCOUNT = EthAddress.ofNumber(0xabc);

  private static NodeConfig config(String... args) {
    return ConfigLoader.load(args, Map.of());
  }

  @Test
  void everyNetworkParameterHasAFlagOfTheSameNameAndDefault() {
    assertThat(Flags.NETWORK_PARAMETERS).extracting(Flag::name)
        .containsExactly(java.util.Arrays.stream(NetworkParameter.values()).map(NetworkParameter::key).toArray(String[]::new));
    assertThat(EmbeddedNetworkConfig.parameters(config())).isEqualTo(NetworkParameters.defaults());
  }

  @Test
  void flagsSetTheParameters() {
    NetworkParameters params = EmbeddedNetworkConfig.parameters(config("-roundLength", "50", "-blockTime", "250ms", "-workAlpha", "0",
        "-workMetric", "fees", "-unbondingPeriod", "1", "-treasuryRewardCutRate", "0", "-proposalThreshold", "1e18"));
    assertThat(params.roundLength()).isEqualTo(50);
    assertThat(params.blockTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(params.workAlpha()).isZero();
    assertThat(params.workMetric()).isEqualTo(WorkMetric.FEES);
    assertThat(params.unbondingPeriod()).isEqualTo(1);
    assertThat(params.treasuryRewardCutRate()).isZero();
    assertThat(params.proposalThreshold()).isEqualTo(BigInteger.TEN.pow(18));
  }

  @Test
  void badValuesNameTheFlag() {
    assertThatThrownBy(() -> EmbeddedNetworkConfig.parameters(config("-blockTime", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid value for flag -blockTime: blockTime must be between 1 and 9223372036854775807 (milliseconds), got 0");
    assertThatThrownBy(() -> EmbeddedNetworkConfig.parameters(config("-blockTime", "1500us")))
        .hasMessageContaining("for flag -blockTime: must be a whole number of milliseconds");
    assertThatThrownBy(() -> EmbeddedNetworkConfig.parameters(config("-treasuryRewardCutRate", "2e27")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid value for flag -treasuryRewardCutRate: treasuryRewardCutRate must be between 0 and")
        .hasMessageEndingWith("got 2000000000000000000000000000");
    assertThatThrownBy(() -> config("-workAlpha", "1000001")).isInstanceOf(ConfigException.class)
        .hasMessage("invalid value \"1000001\" for flag -workAlpha: must be between 0 and 1000000");
    // Winning tickets could not be redeemed within the broker's 2-round validity window (issue 16 item 10).
    assertThatThrownBy(() -> EmbeddedNetworkConfig.settings(config("-orchestrator", "-transcoder", "-roundLength", "5"), ACCOUNT))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid value for flag -roundLength: a round length of 5 blocks is too short to redeem winning tickets");
    assertThat(EmbeddedNetworkConfig.settings(config("-roundLength", "10"), ACCOUNT).parameters().roundLength()).isEqualTo(10);
  }

  @Test
  void anOrchestratorBondsItsGenesisStakeAndAGatewayOnlyGetsEth() {
    EmbeddedNetwork.Settings orchestrator = EmbeddedNetworkConfig.settings(
        config("-orchestrator", "-transcoder", "-embeddedStake", "5e18", "-blockRewardCut", "12.5", "-feeShare", "75", "-reward=false"), ACCOUNT);
    assertThat(orchestrator.account()).isEqualTo(ACCOUNT);
    assertThat(orchestrator.genesis()).isEqualTo(EmbeddedNetwork.Genesis.orchestrator(BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(18)), 125_000, 750_000));
    assertThat(orchestrator.reward()).isFalse();
    assertThat(orchestrator.gasPrice()).isEqualTo(BigInteger.valueOf(10_000_000));

    EmbeddedNetwork.Settings gateway = EmbeddedNetworkConfig.settings(config("-gateway", "-embeddedGasPrice", "1000000000"), ACCOUNT);
    assertThat(gateway.genesis()).isEqualTo(EmbeddedNetwork.Genesis.gateway());
    assertThat(gateway.reward()).isTrue();
    assertThat(gateway.gasPrice()).isEqualTo(BigInteger.TEN.pow(9));
  }
}
