package dev.lpnode.bench.orchestrator;

import dev.lpnode.config.ladder.VideoProfile;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitProtocol;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chain network's side of the overhead run: the kit's Anvil chain with Livepeer's contracts,
 * its account 1 bonded, registered and active as the orchestrator, account 2 funded as the gateway
 * that pays it with tickets against the TicketBroker, as on a real chain.
 */
final class ChainOrchestrator {
  /** Each ticket is worth 1e15 wei and wins half the time (face value 2e15), as in the chain tests. */
  static final BigInteger TICKET_EV = BigInteger.TEN.pow(15);
  private static final int ORCHESTRATOR = 1;
  private static final int GATEWAY = 2;

  private ChainOrchestrator() {}

  /** Starts the kit's chain in {@code dir}; rounds of 100 blocks outlast the tickets' 40. */
  static KitChain startChain(Path kit, Path dir) throws Exception {
    // Absolute: the kit's scripts run in its own directory.
    return KitChain.start(kit.toAbsolutePath(), Files.createDirectories(dir), Map.of("LP_ROUND_LENGTH", "100"));
  }

  /** Makes account 1 an active orchestrator and funds account 2, then starts the node and the gateway on {@code chain}. */
  static BenchOrchestrator start(KitChain chain, Path dir, String maxSessions, List<VideoProfile> ladder) throws Exception {
    KitProtocol protocol = new KitProtocol(chain);
    protocol.activateOrchestrator(ORCHESTRATOR, KitProtocol.ETH.multiply(BigInteger.valueOf(1000)));
    BigInteger funds = KitProtocol.ETH.multiply(BigInteger.valueOf(5));
    protocol.fundDepositAndReserve(GATEWAY, funds, funds);
    List<String> network = List.of("-network", "kit", "-ethUrl", chain.rpcUrl(), "-ethController", chain.controller(),
        "-ethKeystorePath", chain.keyFile(ORCHESTRATOR).toString(), "-ethPassword", chain.passwordFile().toString(),
        "-blockPollingInterval", "200ms", "-ticketEV", TICKET_EV.toString(), "-maxFaceValue", TICKET_EV.shiftLeft(1).toString(),
        "-reward=false");
    return BenchOrchestrator.start(dir, maxSessions, network, 0, 0,
        (gatewayDir, uri, cli) -> BenchGateway.onChain(chain, GATEWAY, gatewayDir, uri, ladder, TICKET_EV));
  }
}
