package dev.lpnode.eth.rpc;

import dev.lpnode.payments.chain.ChainUnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The JSON-RPC reads the node makes, each turning a failure (unreachable node, error reply) into
 * {@link ChainUnavailableException}. Every call blocks: never on an event loop.
 */
public final class ChainReader {
  private final Web3j web3j;
  private final Web3jService service;

  public ChainReader(Web3j web3j, Web3jService service) {
    this.web3j = web3j;
    this.service = service;
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return result(web3j.ethChainId()).getChainId().longValueExact();
  }

  /** The latest block. */
  public BlockHeader latest() {
    return header("eth_getBlockByNumber", DefaultBlockParameterName.LATEST.getValue())
        .orElseThrow(() -> new ChainUnavailableException("the node returned no latest block", null));
  }

  public Optional<BlockHeader> byNumber(long number) {
    return header("eth_getBlockByNumber", DefaultBlockParameter.valueOf(BigInteger.valueOf(number)).getValue());
  }

  private Optional<BlockHeader> header(String method, String block) {
    Request<?, BlockHeader.Reply> request = new Request<>(method, List.of(block, false), service, BlockHeader.Reply.class);
    return Optional.ofNullable(result(request).getResult());
  }

  /** The logs of {@code addresses} in blocks {@code from..to}, in chain order. */
  public List<Log> logs(long from, long to, List<String> addresses) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
    EthLog reply = result(web3j.ethGetLogs(filter));
    return reply.getLogs().stream().map(r -> (Log) r.get()).toList();
  }

  public BigInteger gasPrice() {
    return result(web3j.ethGasPrice()).getGasPrice();
  }

  public boolean hasCode(String address) {
    String code = result(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST)).getCode();
    return code != null && !code.equals("0x") && !code.isEmpty();
  }

  /** Sends a JSON-RPC request and returns its reply; an error reply or I/O failure is {@link ChainUnavailableException}. */
  public static <T extends Response<?>> T result(Request<?, T> request) {
    T reply = resultOrError(request);
    if (reply.hasError()) {
      throw new ChainUnavailableException(request.getMethod() + ": " + reply.getError().getMessage(), null);
    }
    return reply;
  }

  /** Sends a JSON-RPC request and returns its reply, error replies included; an I/O failure is {@link ChainUnavailableException}. */
  public static <T extends Response<?>> T resultOrError(Request<?, T> request) {
    try {
      return request.send();
    } catch (IOException | RuntimeException e) {
      throw new ChainUnavailableException(request.getMethod() + ": " + describe(e), e);
    }
  }

  /** Runs a contract read ({@code eth_call} through a generated wrapper). */
  public static <T> T call(RemoteFunctionCall<T> call) {
    try {
      return call.send();
    } catch (Exception e) {
      throw new ChainUnavailableException("eth_call: " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
