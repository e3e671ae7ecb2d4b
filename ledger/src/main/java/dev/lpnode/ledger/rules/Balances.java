package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** The embedded LPT token and ETH: balances whose sums are the supplies kept by the Minter state. */
final class Balances {
  private final LedgerState state;

  Balances(LedgerState state) {
    this.state = state;
  }

  private MinterState supply() {
    return state.get(MinterState.KIND, "");
  }

  BigInteger lpt(EthAddress account) {
    return state.get(Amount.LPT, account.toHex()).value;
  }

  BigInteger eth(EthAddress account) {
    return state.get(Amount.ETH, account.toHex()).value;
  }

  void transferLpt(EthAddress from, EthAddress to, BigInteger amount) {
    move(Amount.LPT, from, to, amount);
  }

  void transferEth(EthAddress from, EthAddress to, BigInteger amount) {
    move(Amount.ETH, from, to, amount);
  }

  void mintLpt(EthAddress to, BigInteger amount) {
    state.get(Amount.LPT, to.toHex()).value = lpt(to).add(amount);
    supply().lptSupply = supply().lptSupply.add(amount);
  }

  void burnLpt(EthAddress from, BigInteger amount) {
    Amount balance = state.get(Amount.LPT, from.toHex());
    require(balance.value.compareTo(amount) >= 0, "ERC20: burn amount exceeds balance");
    balance.value = balance.value.subtract(amount);
    supply().lptSupply = supply().lptSupply.subtract(amount);
  }

  /** ETH entering the embedded network (a faucet, or a ticket broker's payout). */
  void mintEth(EthAddress to, BigInteger amount) {
    state.get(Amount.ETH, to.toHex()).value = eth(to).add(amount);
    supply().ethSupply = supply().ethSupply.add(amount);
  }

  private void move(Kind<Amount> kind, EthAddress from, EthAddress to, BigInteger amount) {
    require(amount.signum() >= 0, "amount must not be negative");
    Amount source = state.get(kind, from.toHex());
    require(source.value.compareTo(amount) >= 0, "ERC20: transfer amount exceeds balance");
    source.value = source.value.subtract(amount);
    Amount target = state.get(kind, to.toHex());
    target.value = target.value.add(amount);
  }
}
