package dev.lpnode.node.chain;

import static dev.lpnode.node.chain.ChainTests.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.eth.contracts.ServiceRegistry;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.kit.KitProtocol;
import dev.lpnode.node.NodeProcess;
import dev.lpnode.node.cli.CliActor;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The operator's staking commands on a chain, driven only through {@code ./lpnode cli}: a node on
 * the kit's chain as the kit's account 1 becomes an orchestrator, unbonds, rebonds and withdraws,
 * each a transaction from its own account, and every effect is read back from the contracts.
 */
class ChainStakingCliTest {
  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of());

  private static final BigInteger LPT = KitProtocol.ETH;
  private static final BigInteger STAKE = LPT.multiply(BigInteger.valueOf(1000));

  private static Path dir;
  private static NodeProcess node;
  private static int cliPort;
  private static int servicePort;

  @BeforeAll
  static void startNode() throws Exception {
    dir = Files.createTempDirectory("lpnode-staking-cli-");
    cliPort = freePort();
    servicePort = freePort();
    // -reward=false: the transactions on the chain are the test's commands only.
    List<String> args = ChainTests.nodeArgs(KIT.chain(), KIT.chain().rpcUrl(), "kit", dir.resolve("node"), servicePort, cliPort,
        "-ethController", KIT.chain().controller(), "-blockPollingInterval", "100ms", "-reward=false");
    node = NodeProcess.start(dir.resolve("node.log"), args);
    node.awaitServing(cliPort, Duration.ofMinutes(1));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void activateUnbondRebondAndWithdrawAsTransactionsFromTheNodesAccount() throws Exception {
    KitChain chain = KIT.chain();
    KitProtocol protocol = new KitProtocol(chain);
    String self = chain.account(1).getAddress();
    // The first block of a round: the four transactions of activateOrchestrator all land before its lock.
    chain.advanceRounds(1);
    BigInteger lptBefore = lptBalance(protocol, self);
    String uri = "https://127.0.0.1:" + servicePort;

    JsonObject activated = ok("activateOrchestrator", "-amount", "1000e18", "-rewardCut", "100000", "-feeShare", "500000",
        "-serviceURI", uri);
    assertThat(activated.getJsonArray("transactions").stream().map(t -> ((JsonObject) t).getString("function")))
        .containsExactly("approve", "bond", "transcoder", "setServiceURI");
    var delegator = protocol.bondingManager.getDelegator(self).send();
    assertThat(delegator.component1()).as("bonded amount").isEqualTo(STAKE);
    assertThat(delegator.component3()).as("delegate").isEqualToIgnoringCase(self);
    assertThat(protocol.bondingManager.isRegisteredTranscoder(self).send()).isTrue();
    var transcoder = protocol.bondingManager.getTranscoder(self).send();
    assertThat(transcoder.component2()).as("rewardCut").isEqualTo(BigInteger.valueOf(100_000));
    assertThat(transcoder.component3()).as("feeShare").isEqualTo(BigInteger.valueOf(500_000));
    assertThat(serviceRegistry(chain).getServiceURI(self).send()).isEqualTo(uri);
    assertThat(lptBalance(protocol, self)).isEqualTo(lptBefore.subtract(STAKE));

    chain.advanceRounds(1); // a bond counts from the next round on: until then the account is pending, not bonded
    JsonObject first = ok("unbond", "-amount", "300e18");
    JsonObject second = ok("unbond", "-amount", "100e18");
    assertThat(protocol.bondingManager.getDelegator(self).send().component1()).isEqualTo(LPT.multiply(BigInteger.valueOf(600)));
    ok("rebond", "-unbondingLockId", String.valueOf(second.getLong("unbondingLockId")));
    assertThat(protocol.bondingManager.getDelegator(self).send().component1()).isEqualTo(LPT.multiply(BigInteger.valueOf(700)));

    String firstLock = String.valueOf(first.getLong("unbondingLockId"));
    assertRefused(cli("withdrawStake", "-unbondingLockId", firstLock), "withdraw round must be before or equal to the current round");
    assertRefused(cli("unbond", "-amount", "5000e18"), "amount is greater than bonded amount");

    chain.advanceRounds(2); // the kit's unbonding period
    ok("withdrawStake", "-unbondingLockId", firstLock);
    assertThat(lptBalance(protocol, self)).as("LPT back from the withdrawn lock")
        .isEqualTo(lptBefore.subtract(LPT.multiply(BigInteger.valueOf(700))));

    JsonObject bonded = ok("bond", "-amount", "50e18", "-to", self);
    assertThat(bonded.getJsonArray("transactions").stream().map(t -> ((JsonObject) t).getString("function")))
        .as("activateOrchestrator's approval was used up: bond approves first").containsExactly("approve", "bond");
    assertThat(protocol.bondingManager.getDelegator(self).send().component1()).isEqualTo(LPT.multiply(BigInteger.valueOf(750)));
    assertRefused(cli("withdrawFees", "-amount", "1"), "insufficient fees to withdraw");

    JsonObject claimed = ok("claim");
    assertThat(protocol.bondingManager.getDelegator(self).send().component6().longValueExact()).as("lastClaimRound")
        .isEqualTo(claimed.getLong("endRound"));
    JsonObject status = ok("status");
    assertThat(status.getString("lptBalance")).isEqualTo(lptBalance(protocol, self).toString());
    assertThat(status.getJsonObject("transcoder").getString("serviceURI")).isEqualTo(uri);
  }

  @Test
  void commandsTheNodeCannotSendAreRefusedBeforeAnyTransaction() throws Exception {
    KitChain chain = KIT.chain();
    String self = chain.account(1).getAddress();
    BigInteger nonce = nonce(chain, self);
    CliActor.Run signed = cli("-ethKeystorePath", chain.keyFile(2).toString(), "-ethPassword", chain.passwordFile().toString(),
        "bond", "-amount", "1", "-to", self);
    assertRefused(signed, "on a chain network the node acts only for its own account");
    assertThat(new KitProtocol(chain).bondingManager.getDelegator(chain.account(2).getAddress()).send().component1()).isZero();
    assertRefused(cli("activateOrchestrator", "-amount", "1", "-rewardCut", "2000000", "-feeShare", "0"),
        "invalid rewardCut: at most 1000000 ppm (100 %), got 2000000");
    assertRefused(cli("reward"), "on a chain network the node calls reward itself: start it with -reward");
    assertRefused(cli("faucet"), "faucet is only on the embedded network");
    assertThat(nonce(chain, self)).as("transactions sent from the node's account").isEqualTo(nonce);
  }

  private static BigInteger nonce(KitChain chain, String account) throws Exception {
    return chain.web3j().ethGetTransactionCount(account, DefaultBlockParameterName.LATEST).send().getTransactionCount();
  }

  private static BigInteger lptBalance(KitProtocol protocol, String account) throws Exception {
    return protocol.token.balanceOf(account).send();
  }

  private static ServiceRegistry serviceRegistry(KitChain chain) {
    return ServiceRegistry.load(chain.contract("ServiceRegistry"), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress()), new DefaultGasProvider());
  }


  private static CliActor.Run cli(String... args) {
    return CliActor.cli(List.of("-cliAddr", "127.0.0.1:" + cliPort, "-dataDir", dir.resolve("node").toString()), null, args);
  }

  private static JsonObject ok(String... args) {
    CliActor.Run run = cli(args);
    assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return new JsonObject(run.out());
  }

  private static void assertRefused(CliActor.Run run, String reason) {
    assertThat(run.status()).as(run.out()).isEqualTo(1);
    assertThat(run.err()).contains(reason);
  }
}
