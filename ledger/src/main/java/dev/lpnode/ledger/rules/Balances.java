package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.ledger.Address;
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

  BigInteger lpt(Address account) {
    return state.get(Amount.LPT, account.hex()).value;
  }

  BigInteger eth(Address account) {
    return state.get(Amount.ETH, account.hex()).value;
  }

  void transferLpt(Address from, Address to, BigInteger amount) {
    move(Amount.LPT, from, to, amount);
  }

  void transferEth(Address from, Address to, BigInteger amount) {
    move(Amount.ETH, from, to, amount);
  }

  void mintLpt(Address to, BigInteger amount) {
    state.get(Amount.LPT, to.hex()).value = lpt(to).add(amount);
    supply().lptSupply = supply().lptSupply.add(amount);
  }

  void burnLpt(Address from, BigInteger amount) {
    Amount balance = state.get(Amount.LPT, from.hex());
    require(balance.value.compareTo(amount) >= 0, "ERC20: burn amount exceeds balance");
    balance.value = balance.value.subtract(amount);
    supply().lptSupply = supply().lptSupply.subtract(amount);
  }

  /** ETH entering the embedded network (a faucet, or a ticket broker's payout). */
  void mintEth(Address to, BigInteger amount) {
    state.get(Amount.ETH, to.hex()).value = eth(to).add(amount);
    supply().ethSupply = supply().ethSupply.add(amount);
  }

  private void move(Kind<Amount> kind, Address from, Address to, BigInteger amount) {
    require(amount.signum() >= 0, "amount must not be negative");
    Amount source = state.get(kind, from.hex());
    require(source.value.compareTo(amount) >= 0, "ERC20: transfer amount exceeds balance");
    source.value = source.value.subtract(amount);
    Amount target = state.get(kind, to.hex());
    target.value = target.value.add(amount);
  }
}
