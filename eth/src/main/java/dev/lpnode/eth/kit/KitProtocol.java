package dev.lpnode.eth.kit;

import dev.lpnode.eth.contracts.BondingManager;
import dev.lpnode.eth.contracts.LivepeerToken;
import dev.lpnode.eth.contracts.TicketBroker;
import dev.lpnode.eth.rpc.ChainReader;
import dev.lpnode.eth.tx.Transactions;
import dev.lpnode.payments.chain.SenderInfo;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** What tests do on the kit's chain as its accounts: bond, register, fund tickets, read fees; through the node's own {@link Transactions}. */
public final class KitProtocol {
  public static final BigInteger ETH = BigInteger.TEN.pow(18);
  public static final Transactions.Settings SETTINGS = new Transactions.Settings(BigInteger.ZERO, Duration.ofSeconds(30), 1,
      Duration.ofMillis(50));

  private final KitChain chain;
  private final ChainReader reader;
  public final BondingManager bondingManager;
  public final TicketBroker ticketBroker;
  public final LivepeerToken token;

  public KitProtocol(KitChain chain) {
    this.chain = chain;
    this.reader = new ChainReader(chain.web3j(), chain.service());
    ReadonlyTransactionManager reads = new ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress());
    DefaultGasProvider gas = new DefaultGasProvider();
    bondingManager = BondingManager.load(chain.contract("BondingManager"), chain.web3j(), reads, gas);
    ticketBroker = TicketBroker.load(chain.contract("TicketBroker"), chain.web3j(), reads, gas);
    token = LivepeerToken.load(chain.contract("LivepeerToken"), chain.web3j(), reads, gas);
  }

  public Transactions transactions(Credentials account) {
    return new Transactions(reader, account, chain.chainId(), SETTINGS);
  }

  public TransactionReceipt send(int account, String to, String data, BigInteger value) throws Exception {
    return transactions(chain.account(account)).send(to, data, value, hash -> { });
  }

  /**
   * Makes {@code account} an active orchestrator that has called reward once and is past that
   * first reward round (whose fees the BondingManager credits only in part: see the kit README).
   */
  public void activateOrchestrator(int account, BigInteger stake) throws Exception {
    String self = chain.account(account).getAddress();
    chain.advanceRounds(0);
    send(account, token.getContractAddress(), token.approve(bondingManager.getContractAddress(), stake).encodeFunctionCall(),
        BigInteger.ZERO);
    send(account, bondingManager.getContractAddress(), bondingManager.bond(stake, self).encodeFunctionCall(), BigInteger.ZERO);
    send(account, bondingManager.getContractAddress(),
        bondingManager.transcoder(BigInteger.valueOf(100_000), BigInteger.valueOf(1_000_000)).encodeFunctionCall(), BigInteger.ZERO);
    chain.advanceRounds(1);
    send(account, bondingManager.getContractAddress(), bondingManager.reward().encodeFunctionCall(), BigInteger.ZERO);
    chain.advanceRounds(1);
  }

  public void fundDepositAndReserve(int account, BigInteger deposit, BigInteger reserve) throws Exception {
    send(account, ticketBroker.getContractAddress(), ticketBroker.fundDepositAndReserve(deposit, reserve, deposit.add(reserve))
        .encodeFunctionCall(), deposit.add(reserve));
  }

  public SenderInfo senderInfo(String address) {
    Tuple2<TicketBroker.Sender, TicketBroker.ReserveInfo> info = ChainReader.call(ticketBroker.getSenderInfo(address));
    return new SenderInfo(info.component1().deposit, info.component1().withdrawRound.longValueExact(), info.component2().fundsRemaining,
        info.component2().claimedInCurrentRound);
  }

  public BigInteger pendingFees(String orchestrator) {
    return ChainReader.call(bondingManager.pendingFees(orchestrator, BigInteger.ZERO));
  }

  public boolean isUsedTicket(byte[] ticketHash) {
    return ChainReader.call(ticketBroker.usedTickets(ticketHash));
  }
}
