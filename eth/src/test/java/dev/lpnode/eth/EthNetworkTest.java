package dev.lpnode.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.eth.rpc.CountingHttpService;
import dev.lpnode.eth.rpc.CountingHttpService.Caller;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.eth.watch.BlockWatcher;
import dev.lpnode.eth.watch.ProtocolState;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** Joining the kit's chain: the start-up checks, and the cached protocol state following blocks, events and a reorganization. */
class EthNetworkTest {
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", "50"));

  @TempDir
  Path dataDir;

  private static EthSettings settings(KitChain chain, String url, long chainId, String controller) {
    return new EthSettings("kit", url, chainId, EthAddress.fromHex(controller), EthSettings.REDEEM_GAS_OTHER, Duration.ofMillis(100),
        BigInteger.ZERO, KitProtocol.SETTINGS, false, false);
  }

  private EthNetwork connect(EthSettings settings, Credentials account) {
    return EthNetwork.connect(settings, account, dataDir, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  @Test
  void aChainThatIsNotTheNetworksStopsTheNodeWithTheReason() throws Exception {
    KitChain chain = KIT.chain();
    Credentials orchestrator = chain.account(1);
    assertThatThrownBy(() -> connect(settings(chain, chain.rpcUrl(), 42161, chain.controller()), orchestrator))
        .isInstanceOf(ChainSetupException.class)
        .hasMessage("the Ethereum node at -ethUrl " + chain.rpcUrl() + " is on chain id 412346, not this network's 42161");
    String nobody = "0x000000000000000000000000000000000000dEaD";
    assertThatThrownBy(() -> connect(settings(chain, chain.rpcUrl(), 0, nobody), orchestrator))
        .isInstanceOf(ChainSetupException.class)
        .hasMessage("no contract at -ethController " + EthAddress.fromHex(nobody) + " on chain id 412346");
    assertThatThrownBy(() -> connect(settings(chain, chain.rpcUrl(), 0, chain.contract("LivepeerToken")), orchestrator))
        .isInstanceOf(ChainSetupException.class)
        .hasMessageStartingWith("cannot read the Controller " + EthAddress.fromHex(chain.contract("LivepeerToken")));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort;
    assertThatThrownBy(() -> connect(settings(chain, unreachable, 0, chain.controller()), orchestrator))
        .isInstanceOf(ChainSetupException.class)
        .hasMessageStartingWith("cannot reach the Ethereum node at -ethUrl " + unreachable + ": ");
  }

  @Test
  void aPausedControllerStopsTheNode() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = new KitProtocol(chain);
    var controller = dev.lpnode.eth.contracts.Controller.load(chain.controller(), chain.web3j(), chain.account(0),
        new org.web3j.tx.gas.DefaultGasProvider());
    protocol.send(0, chain.controller(), controller.pause().encodeFunctionCall(), BigInteger.ZERO);
    try {
      assertThatThrownBy(() -> connect(settings(chain, chain.rpcUrl(), 0, chain.controller()), chain.account(1)))
          .isInstanceOf(ChainSetupException.class)
          .hasMessage("the Controller " + EthAddress.fromHex(chain.controller()) + " is paused: the protocol accepts no transactions");
    } finally {
      protocol.send(0, chain.controller(), controller.unpause().encodeFunctionCall(), BigInteger.ZERO);
    }
  }

  @Test
  void theCachedStateFollowsRoundsFundsAndAReorganization() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = new KitProtocol(chain);
    Credentials gateway = chain.account(2);
    EthAddress gatewayAddress = EthAddress.fromHex(gateway.getAddress());
    try (EthNetwork network = connect(settings(chain, chain.rpcUrl(), 412346, chain.controller()), chain.account(1))) {
      ProtocolState state = network.state();
      long round = state.lastInitializedRound();
      assertThat(state.currentRound()).isEqualTo(round);
      assertThat(network.chain().rounds().blockHashForRound(round).isZero()).isFalse();
      BigInteger deposit = state.senderInfo(gatewayAddress).deposit(); // read once, followed from now on
      BlockWatcher watcher = watcher(network);
      long requestCalls = network.rpcCalls(Caller.REQUEST);

      // Events: a deposit and a new round reach the caches through the watcher, not through reads.
      protocol.fundDepositAndReserve(2, KitProtocol.ETH, KitProtocol.ETH);
      assertThat(poll(watcher)).isEqualTo(BlockWatcher.Change.NEW_HEAD);
      assertThat(state.senderInfo(gatewayAddress).deposit()).isEqualTo(deposit.add(KitProtocol.ETH));
      String snapshot = (String) chain.rpc("evm_snapshot");
      long next = chain.advanceRounds(1);
      assertThat(poll(watcher)).isEqualTo(BlockWatcher.Change.NEW_HEAD);
      assertThat(state.currentRound()).isEqualTo(next);
      assertThat(state.lastInitializedRound()).isEqualTo(next);
      assertThat(network.chain().rounds().currentRoundInitialized()).isTrue();
      assertThat(network.chain().blocks().latestL1Block()).isEqualTo(chain.web3j().ethBlockNumber().send().getBlockNumber().longValue());
      assertThat(poll(watcher)).isEqualTo(BlockWatcher.Change.NONE);

      // A reorganization: the round's initialization and the deposit are rolled back, and other blocks grow past them.
      chain.rpc("evm_revert", snapshot);
      chain.mine(3 * 50);
      assertThat(poll(watcher)).isEqualTo(BlockWatcher.Change.REORG);
      assertThat(state.lastInitializedRound()).isEqualTo(round);
      assertThat(state.currentRound()).isGreaterThan(next);
      assertThat(network.chain().rounds().currentRoundInitialized()).isFalse();
      assertThat(state.senderInfo(gatewayAddress).deposit()).isEqualTo(deposit.add(KitProtocol.ETH));
      assertThat(network.rpcCalls(Caller.REQUEST) - requestCalls).as("calls made by reads of the cached state").isZero();
    }
  }

  /** One poll, its calls counted as the watcher's (as on the watcher's thread); this thread's other calls are requests. */
  private static BlockWatcher.Change poll(BlockWatcher watcher) {
    CountingHttpService.callsFromThisThreadAre(Caller.WATCHER);
    try {
      return watcher.poll();
    } finally {
      CountingHttpService.callsFromThisThreadAre(Caller.REQUEST);
    }
  }

  private static BlockWatcher watcher(EthNetwork network) throws Exception {
    var field = EthNetwork.class.getDeclaredField("watcher");
    field.setAccessible(true);
    return (BlockWatcher) field.get(network);
  }
}
