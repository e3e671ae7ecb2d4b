package dev.lpnode.eth.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.eth.contracts.RoundsManager;
import dev.lpnode.eth.kit.KitChain;
import dev.lpnode.eth.kit.KitChainExtension;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.payments.chain.ChainUnavailableException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** The node's transactions on the kit chain: refusals with their reasons, the gas price limit, stuck transactions replaced. */
class TransactionsTest {
  private static final long ROUND_LENGTH = 50;

  @RegisterExtension
  static final KitChainExtension KIT = new KitChainExtension(Map.of("LP_ROUND_LENGTH", Long.toString(ROUND_LENGTH)));

  private static Transactions transactions(KitChain chain, Credentials account, Transactions.Settings settings) {
    return new Transactions(new ChainReader(chain.web3j(), chain.service()), account, chain.chainId(), settings);
  }

  private static RoundsManager rounds(KitChain chain) {
    return RoundsManager.load(chain.contract("RoundsManager"), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress()), new DefaultGasProvider());
  }

  private static BigInteger nonce(KitChain chain, Credentials account) throws Exception {
    return chain.web3j().ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
  }

  @Test
  void aRefusalFoundByGasEstimationSendsNothingAndSaysWhy() throws Exception {
    KitChain chain = KIT.chain();
    chain.advanceRounds(0);
    RoundsManager rounds = rounds(chain);
    Credentials account = chain.account(3);
    BigInteger nonce = nonce(chain, account);
    List<String> journal = new CopyOnWriteArrayList<>();
    Transactions txs = transactions(chain, account, new Transactions.Settings(BigInteger.ZERO, Duration.ofSeconds(10), 1,
        Duration.ofMillis(50)));
    assertThatThrownBy(() -> txs.send(rounds.getContractAddress(), rounds.initializeRound().encodeFunctionCall(), BigInteger.ZERO,
        journal::add))
        .isInstanceOfSatisfying(TransactionRevertedException.class, e -> assertThat(e.mined()).isFalse())
        .hasMessage("round already initialized");
    assertThat(journal).isEmpty();
    assertThat(nonce(chain, account)).isEqualTo(nonce);

    chain.mine(ROUND_LENGTH);
    Transactions capped = transactions(chain, account, new Transactions.Settings(BigInteger.ONE, Duration.ofSeconds(10), 1,
        Duration.ofMillis(50)));
    assertThatThrownBy(() -> capped.send(rounds.getContractAddress(), rounds.initializeRound().encodeFunctionCall(), BigInteger.ZERO,
        journal::add))
        .isInstanceOf(ChainUnavailableException.class)
        .hasMessageContaining("is above -maxGasPrice 1: waiting for it to fall");
    assertThat(journal).isEmpty();
  }

  @Test
  void aStuckTransactionIsReplacedAndARevertInItsBlockIsReportedWithItsReason() throws Exception {
    KitChain chain = KIT.chain();
    chain.advanceRounds(0);
    long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    chain.mine(ROUND_LENGTH - block % ROUND_LENGTH); // the first block of a round nobody initialized yet
    RoundsManager rounds = rounds(chain);
    Transactions.Settings settings = new Transactions.Settings(BigInteger.ZERO, Duration.ofSeconds(1), 1, Duration.ofMillis(50));
    List<String> firstHashes = new CopyOnWriteArrayList<>();
    List<String> secondHashes = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    chain.rpc("evm_setAutomine", false);
    try {
      String to = rounds.getContractAddress();
      String data = rounds.initializeRound().encodeFunctionCall();
      Future<TransactionReceipt> first = pool.submit(() -> transactions(chain, chain.account(0), settings).send(to, data,
          BigInteger.ZERO, firstHashes::add));
      Future<TransactionReceipt> second = pool.submit(() -> transactions(chain, chain.account(3), settings).send(to, data,
          BigInteger.ZERO, secondHashes::add));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while ((firstHashes.size() < 2 || secondHashes.size() < 2) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(firstHashes).as("the first transaction and its replacement").hasSize(2).doesNotHaveDuplicates();
      assertThat(secondHashes).hasSize(2).doesNotHaveDuplicates();
      chain.mine(1); // both replacements in one block: the round can be initialized only once

      List<Object> outcomes = new CopyOnWriteArrayList<>();
      for (Future<TransactionReceipt> f : List.of(first, second)) {
        try {
          outcomes.add(f.get().getTransactionHash());
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1)
          .allSatisfy(hash -> assertThat(List.of(firstHashes.get(1), secondHashes.get(1))).contains((String) hash));
      assertThat(outcomes).filteredOn(TransactionRevertedException.class::isInstance).singleElement()
          .satisfies(e -> {
            assertThat(((TransactionRevertedException) e).mined()).isTrue();
            assertThat(((TransactionRevertedException) e).getMessage()).isEqualTo("round already initialized");
          });
    } finally {
      chain.rpc("evm_setAutomine", true);
      pool.shutdownNow();
    }
  }
}
