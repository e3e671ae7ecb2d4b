package dev.lpnode.eth.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.eth.EthNetwork;
import dev.lpnode.eth.EthSettings;
import dev.lpnode.payments.crypto.EthAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A local chain with Livepeer's contracts: the chain kit beside the checkout ({@code
 * ../shared/chain}, see its README) started on a free port in a temporary directory. {@link #kit()}
 * is empty where the kit is absent, and tests then skip. In main code because the orchestrator
 * bench starts one too.
 */
public final class KitChain implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path kit;
  private final Path dir;
  private final JsonNode deployment;
  private final HttpService service;
  private final Web3j web3j;

  private KitChain(Path kit, Path dir, JsonNode deployment) {
    this.kit = kit;
    this.dir = dir;
    this.deployment = deployment;
    this.service = new HttpService(rpcUrl());
    this.web3j = Web3j.build(service);
  }

  /** The kit: {@code ../shared/chain} beside the project's checkout, if it is there. */
  public static Optional<Path> kit() {
    String testdata = System.getProperty("lpnode.testdata");
    Path root = testdata != null ? Path.of(testdata).toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("testdata"))) {
      root = root.getParent();
    }
    if (root == null || root.getParent() == null) {
      return Optional.empty();
    }
    Path kit = root.getParent().resolve("shared").resolve("chain");
    return Files.isExecutable(kit.resolve("start.sh")) ? Optional.of(kit) : Optional.empty();
  }

  /** Starts a fresh chain in {@code dir} with the kit's environment overrides ({@code LP_ROUND_LENGTH}, …). */
  public static KitChain start(Path kit, Path dir, Map<String, String> env) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    run(kit, env, Duration.ofMinutes(3), "bash", kit.resolve("start.sh").toString(), Integer.toString(port), dir.toString());
    JsonNode deployment = JSON.readTree(dir.resolve("deployment.json").toFile());
    return new KitChain(kit, dir, deployment);
  }

  private static String run(Path kit, Map<String, String> env, Duration timeout, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  public String rpcUrl() {
    return deployment.get("rpcUrl").asText();
  }

  public long chainId() {
    return deployment.get("chainId").asLong();
  }

  public String controller() {
    return deployment.get("controller").asText();
  }

  public String contract(String name) {
    return deployment.get("contracts").get(name).asText();
  }

  /** Account {@code index} of the kit's mnemonic: 0 deployer, 1 orchestrator, 2 gateway, 3 spare. */
  public Credentials account(int index) {
    return Credentials.create(deployment.get("accounts").get(index).get("privateKey").asText());
  }

  /** The V3 key file of account 1, 2 or 3. */
  public Path keyFile(int index) {
    for (JsonNode account : deployment.get("keystore").get("accounts")) {
      if (account.get("index").asInt() == index) {
        return Path.of(account.get("file").asText());
      }
    }
    throw new IllegalArgumentException("no key file for account " + index);
  }

  /** A gateway's (or a test's own) view of this chain's protocol, straight to anvil. */
  public EthSettings ethSettings() {
    return new EthSettings("kit", rpcUrl(), chainId(), EthAddress.fromHex(controller()), EthSettings.REDEEM_GAS_OTHER,
        Duration.ofMillis(200), BigInteger.ZERO, KitProtocol.SETTINGS, false, false);
  }

  /** Account {@code index}'s own view of the chain (as a gateway keeps it), its state in {@code dir}; not started. */
  public EthNetwork view(int index, Path dir) throws IOException {
    return EthNetwork.connect(ethSettings(), account(index), Files.createDirectories(dir), new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  public Path passwordFile() {
    return Path.of(deployment.get("keystore").get("passwordFile").asText());
  }

  public Web3j web3j() {
    return web3j;
  }

  public HttpService service() {
    return service;
  }

  public Path dir() {
    return dir;
  }

  /** A raw JSON-RPC call (anvil's {@code anvil_mine}, {@code evm_snapshot}, …); returns its result. */
  public Object rpc(String method, Object... params) throws IOException {
    Response<?> reply = new Request<>(method, List.of(params), service, RawReply.class).send();
    if (reply.hasError()) {
      throw new IOException(method + ": " + reply.getError().getMessage());
    }
    return reply.getResult();
  }

  /** A JSON-RPC reply of any shape. */
  public static final class RawReply extends Response<Object> {
  }

  public void mine(long blocks) throws IOException {
    rpc("anvil_mine", "0x" + Long.toHexString(blocks));
  }

  /** Mines to the start of the next round and initializes it, {@code rounds} times; returns the new round. */
  public long advanceRounds(int rounds) throws Exception {
    String out = run(kit, Map.of(), Duration.ofMinutes(1), "node", kit.resolve("advance.mjs").toString(), dir.toString(),
        Integer.toString(rounds));
    List<String> lines = new ArrayList<>(out.lines().toList());
    return Long.parseLong(lines.get(lines.size() - 1).trim());
  }

  @Override
  public void close() throws Exception {
    web3j.shutdown();
    run(kit, Map.of(), Duration.ofMinutes(1), "bash", kit.resolve("stop.sh").toString(), dir.toString());
  }
}
