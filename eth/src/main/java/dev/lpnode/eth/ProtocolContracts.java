package dev.lpnode.eth;

import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.contracts.Controller;
import dev.lpnode.eth.contracts.LivepeerToken;
import dev.lpnode.eth.contracts.RoundsManager;
import dev.lpnode.eth.contracts.ServiceRegistry;
import dev.lpnode.eth.contracts.TicketBroker;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The protocol's contracts an orchestrator uses, found as go-livepeer finds them: {@code
 * Controller.getContract(keccak256(name))}. {@link #resolve} is the node's start-up check of the
 * chain: the right chain id, a Controller at the address, not paused, every contract registered.
 * The wrappers read (eth_call) from the node's own address; transactions go through {@link
 * dev.lpnode.eth.tx.Transactions}.
 */
public record ProtocolContracts(long chainId, EthAddress controller, TicketBroker ticketBroker, RoundsManager roundsManager,
    BondingManager bondingManager, LivepeerToken livepeerToken, ServiceRegistry serviceRegistry) {
  /** What the node needs, by the names the Controller registers them under. */
  static final List<String> NAMES = List.of("TicketBroker", "RoundsManager", "BondingManager", "LivepeerToken", "ServiceRegistry");

  /**
   * @param expectedChainId the network's chain id, or 0 for a custom network (any id)
   * @throws ChainSetupException naming what is wrong, for the operator
   */
  public static ProtocolContracts resolve(ChainReader reader, String ethUrl, long expectedChainId, EthAddress controllerAddress,
      EthAddress from) {
    long chainId;
    try {
      chainId = reader.chainId();
    } catch (ChainUnavailableException e) {
      throw new ChainSetupException("cannot reach the Ethereum node at -ethUrl " + ethUrl + ": " + e.getMessage());
    }
    if (expectedChainId != 0 && chainId != expectedChainId) {
      throw new ChainSetupException("the Ethereum node at -ethUrl " + ethUrl + " is on chain id " + chainId
          + ", not this network's " + expectedChainId);
    }
    try {
      return load(reader, chainId, controllerAddress, from);
    } catch (ChainUnavailableException e) {
      throw new ChainSetupException("cannot read the Controller " + controllerAddress + " through -ethUrl " + ethUrl + ": "
          + e.getMessage());
    }
  }

  private static ProtocolContracts load(ChainReader reader, long chainId, EthAddress controllerAddress, EthAddress from) {
    if (!reader.hasCode(controllerAddress.toHex())) {
      throw new ChainSetupException("no contract at -ethController " + controllerAddress + " on chain id " + chainId);
    }
    ReadonlyTransactionManager reads = new ReadonlyTransactionManager(reader.web3j(), from.toHex());
    DefaultGasProvider gas = new DefaultGasProvider();
    Controller controller = Controller.load(controllerAddress.toHex(), reader.web3j(), reads, gas);
    if (ChainReader.call(controller.paused())) {
      throw new ChainSetupException("the Controller " + controllerAddress + " is paused: the protocol accepts no transactions");
    }
    String[] addresses = new String[NAMES.size()];
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      String address = ChainReader.call(controller.getContract(Keccak.keccak256(name.getBytes(StandardCharsets.UTF_8))));
      if (EthAddress.fromHex(address).isZero()) {
        throw new ChainSetupException("the Controller " + controllerAddress + " has no " + name
            + " registered: is -ethController a Livepeer Controller?");
      }
      addresses[i] = address;
    }
    return new ProtocolContracts(chainId, controllerAddress,
        TicketBroker.load(addresses[0], reader.web3j(), reads, gas),
        RoundsManager.load(addresses[1], reader.web3j(), reads, gas),
        BondingManager.load(addresses[2], reader.web3j(), reads, gas),
        LivepeerToken.load(addresses[3], reader.web3j(), reads, gas),
        ServiceRegistry.load(addresses[4], reader.web3j(), reads, gas));
  }

  /** The contracts whose events the block watcher follows. */
  public List<String> watchedAddresses() {
    return List.of(ticketBroker.getContractAddress(), roundsManager.getContractAddress(), bondingManager.getContractAddress());
  }
}
