package dev.lpnode.eth.tx;

import dev.lpnode.eth.rpc.BlockHeader;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.payments.chain.ChainUnavailableException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The node's transactions from its account: gas estimated (a revert found there costs nothing and
 * is reported with its reason), fees from the latest block (EIP-1559 where the block has a base
 * fee, legacy otherwise) within {@code -maxGasPrice}, signed for the chain id, nonces kept here,
 * the hash given to a {@link Journal} before the transaction leaves the node, the receipt awaited,
 * and a transaction not mined within {@code -transactionTimeout} replaced (same nonce, fees up by a
 * fifth) up to {@code -maxTransactionReplacements} times. One transaction at a time; every call
 * blocks, so run it on a worker thread.
 */
public final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  /** Gas limit = estimate × 6/5: the estimate is exact for the state it ran on, which may move before the block. */
  private static final BigInteger MARGIN_NUMERATOR = BigInteger.valueOf(6);
  private static final BigInteger MARGIN_DENOMINATOR = BigInteger.valueOf(5);

  /**
   * @param maxGasPrice     {@code -maxGasPrice} in wei; 0 for no limit
   * @param timeout         {@code -transactionTimeout}: how long a transaction may stay unmined before it is replaced
   * @param maxReplacements {@code -maxTransactionReplacements}
   * @param receiptPoll     how often to ask for a receipt
   */
  public record Settings(BigInteger maxGasPrice, Duration timeout, int maxReplacements, Duration receiptPoll) {
    public Settings {
      if (maxGasPrice.signum() < 0 || maxReplacements < 0) {
        throw new IllegalArgumentException("negative gas price or replacement count");
      }
    }
  }

  /** Records a transaction's hash; returns only once it is durable. */
  public interface Journal {
    void signed(String txHash);
  }

  /** What one transaction pays per gas: a tip and a cap (EIP-1559), or a legacy gas price ({@code tip} null). */
  private record Fees(BigInteger tip, BigInteger cap) {
    Fees bumped() {
      BigInteger newCap = raise(cap);
      return new Fees(tip == null ? null : raise(tip), newCap);
    }

    private static BigInteger raise(BigInteger value) {
      // Nodes take a replacement only if both prices rise by 10%; a fifth leaves room for rounding.
      return value.multiply(MARGIN_NUMERATOR).divide(MARGIN_DENOMINATOR).max(value.add(BigInteger.ONE));
    }
  }

  private final ChainReader reader;
  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final Settings settings;
  private BigInteger nextNonce;

  public Transactions(ChainReader reader, Credentials credentials, long chainId, Settings settings) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.web3j = reader.web3j();
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.chainId = chainId;
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public String from() {
    return credentials.getAddress();
  }

  /**
   * Sends a call of {@code data} to {@code to} with {@code value} wei and returns its successful receipt.
   *
   * @throws TransactionRevertedException the contract refuses it, before sending or once mined
   * @throws ChainUnavailableException    the node cannot be reached, the gas price is above the
   *     limit, or the transaction was not mined in time (it may still be: check its hash later)
   */
  public synchronized TransactionReceipt send(String to, String data, BigInteger value, Journal journal)
      throws TransactionRevertedException {
    BigInteger gasLimit = estimateGas(to, data, value);
    Fees fees = fees();
    BigInteger nonce = nonce();
    try {
      return sendWithNonce(to, data, value, journal, gasLimit, fees, nonce);
    } catch (ChainUnavailableException e) {
      // The transaction may have reached the node before the failure: count the nonce from the chain next time.
      nextNonce = null;
      throw e;
    }
  }

  private TransactionReceipt sendWithNonce(String to, String data, BigInteger value, Journal journal, BigInteger gasLimit, Fees fees,
      BigInteger nonce) throws TransactionRevertedException {
    List<String> hashes = new ArrayList<>();
    for (int replacements = 0; ; replacements++) {
      String raw = sign(nonce, gasLimit, to, value, data, fees);
      String hash = Hash.sha3(raw);
      journal.signed(hash);
      broadcast(raw, hash);
      hashes.add(hash);
      Optional<TransactionReceipt> receipt = awaitReceipt(hashes);
      if (receipt.isPresent()) {
        nextNonce = nonce.add(BigInteger.ONE);
        return succeeded(receipt.get());
      }
      Fees bumped = fees.bumped();
      if (replacements == settings.maxReplacements() || exceedsLimit(bumped.cap())) {
        throw new ChainUnavailableException("transaction " + hash + " was not mined within " + settings.timeout().toSeconds()
            + " s (" + replacements + " replacements)", null);
      }
      LOG.warn("transaction {} (nonce {}) not mined within {} s: replacing it with a fee cap of {} wei per gas", hash, nonce,
          settings.timeout().toSeconds(), bumped.cap());
      fees = bumped;
    }
  }

  /** The receipt of {@code txHash}, if it is mined. */
  public Optional<TransactionReceipt> receipt(String txHash) {
    return ChainReader.result(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
  }

  /** True if the node knows the transaction (mined or waiting in its pool). */
  public boolean isKnown(String txHash) {
    return ChainReader.result(web3j.ethGetTransactionByHash(txHash)).getTransaction().isPresent();
  }

  /**
   * Why a mined transaction reverted: its call replayed on the state its block left (what beat it
   * to the state it needed, such as a competing transaction in the same block, is in there).
   */
  public String revertReason(TransactionReceipt receipt) {
    if (receipt.getRevertReason() != null) {
      return receipt.getRevertReason();
    }
    var tx = ChainReader.result(web3j.ethGetTransactionByHash(receipt.getTransactionHash())).getTransaction();
    if (tx.isEmpty()) {
      return "unknown reason";
    }
    EthCall replay = ChainReader.resultOrError(web3j.ethCall(
        Transaction.createEthCallTransaction(tx.get().getFrom(), tx.get().getTo(), tx.get().getInput()),
        DefaultBlockParameter.valueOf(receipt.getBlockNumber())));
    return replay.hasError() ? RevertReason.of(replay.getError()) : "out of gas or unknown reason";
  }

  private BigInteger estimateGas(String to, String data, BigInteger value) throws TransactionRevertedException {
    EthEstimateGas estimate = ChainReader.resultOrError(web3j.ethEstimateGas(
        Transaction.createFunctionCallTransaction(from(), null, null, null, to, value, data)));
    if (estimate.hasError()) {
      Response.Error error = estimate.getError();
      if (RevertReason.isRevert(error)) {
        throw new TransactionRevertedException(RevertReason.of(error), false);
      }
      throw new ChainUnavailableException("eth_estimateGas: " + error.getMessage(), null);
    }
    return estimate.getAmountUsed().multiply(MARGIN_NUMERATOR).divide(MARGIN_DENOMINATOR);
  }

  private Fees fees() {
    BlockHeader latest = reader.latest();
    BigInteger baseFee = latest.baseFee();
    Fees fees;
    BigInteger price;
    if (baseFee != null) {
      BigInteger tip = tip();
      price = baseFee.add(tip);
      fees = new Fees(tip, baseFee.shiftLeft(1).add(tip));
    } else {
      price = reader.gasPrice();
      fees = new Fees(null, price);
    }
    if (exceedsLimit(price)) {
      throw new ChainUnavailableException("the gas price of " + price + " wei is above -maxGasPrice " + settings.maxGasPrice()
          + ": waiting for it to fall", null);
    }
    BigInteger max = settings.maxGasPrice();
    return max.signum() > 0 && fees.cap().compareTo(max) > 0 ? new Fees(fees.tip(), max) : fees;
  }

  private BigInteger tip() {
    var reply = ChainReader.resultOrError(web3j.ethMaxPriorityFeePerGas());
    return reply.hasError() ? BigInteger.ZERO : reply.getMaxPriorityFeePerGas();
  }

  private boolean exceedsLimit(BigInteger price) {
    return settings.maxGasPrice().signum() > 0 && price.compareTo(settings.maxGasPrice()) > 0;
  }

  private BigInteger nonce() {
    if (nextNonce == null) {
      nextNonce = ChainReader.result(web3j.ethGetTransactionCount(from(), DefaultBlockParameterName.PENDING)).getTransactionCount();
    }
    return nextNonce;
  }

  private String sign(BigInteger nonce, BigInteger gasLimit, String to, BigInteger value, String data, Fees fees) {
    if (fees.tip() != null) {
      RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, value, data, fees.tip(), fees.cap());
      return Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
    }
    RawTransaction tx = RawTransaction.createTransaction(nonce, fees.cap(), gasLimit, to, value, data);
    return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
  }

  private void broadcast(String raw, String hash) {
    EthSendTransaction sent = ChainReader.resultOrError(web3j.ethSendRawTransaction(raw));
    if (sent.hasError()) {
      String message = sent.getError().getMessage();
      if (message != null && message.contains("already known")) {
        return;
      }
      throw new ChainUnavailableException("eth_sendRawTransaction " + hash + ": " + message, null);
    }
  }

  private Optional<TransactionReceipt> awaitReceipt(List<String> hashes) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    while (true) {
      for (String hash : hashes) {
        Optional<TransactionReceipt> receipt = receipt(hash);
        if (receipt.isPresent()) {
          return receipt;
        }
      }
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(settings.receiptPoll().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainUnavailableException("interrupted while waiting for " + hashes.get(hashes.size() - 1), e);
      }
    }
  }

  private TransactionReceipt succeeded(TransactionReceipt receipt) throws TransactionRevertedException {
    if (receipt.isStatusOK()) {
      return receipt;
    }
    String reason = revertReason(receipt);
    LOG.warn("transaction {} reverted in block {}: {}", receipt.getTransactionHash(), receipt.getBlockNumber(), reason);
    throw new TransactionRevertedException(reason, true);
  }
}
