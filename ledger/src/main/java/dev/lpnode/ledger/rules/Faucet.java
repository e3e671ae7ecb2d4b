package dev.lpnode.ledger.rules;

import static dev.lpnode.ledger.LedgerException.require;

import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The embedded network's development faucet, as Livepeer's {@code LivepeerTokenFaucet}: {@code
 * faucetRequestAmount} LPT per request, and an account waits {@code faucetRequestWait} hours
 * between requests. The contract counts the wait in block timestamps; embedded blocks come at a
 * fixed {@code blockTime}, so the wait is counted in blocks, rounded up. The LPT is minted (the
 * contract's faucet is pre-funded), so it adds to the supply inflation is computed from.
 */
final class Faucet {
  private final LedgerState state;
  private final RoundsManager rounds;
  private final Balances balances;
  private final Supplier<NetworkParameters> params;

  Faucet(LedgerState state, RoundsManager rounds, Balances balances, Supplier<NetworkParameters> params) {
    this.state = state;
    this.rounds = rounds;
    this.balances = balances;
    this.params = params;
  }

  /** Gives the caller the request amount; reverts when it asks again before its wait is over. */
  BigInteger request(EthAddress caller) {
    NetworkParameters p = params.get();
    BigInteger amount = p.faucetRequestAmount();
    require(amount.signum() > 0, "faucet: the faucet is off (faucetRequestAmount is 0)");
    long block = rounds.blockNumber();
    Amount next = state.get(Amount.FAUCET_NEXT_REQUEST, caller.toHex());
    long blockMillis = p.blockTime().toMillis();
    if (BigInteger.valueOf(block).compareTo(next.value) < 0) {
      Duration left = Duration.ofMillis(next.value.subtract(BigInteger.valueOf(block)).longValueExact() * blockMillis);
      throw new LedgerException("faucet: request too early: " + caller.toChecksumHex() + " may request again in "
          + words(left) + " (at block " + next.value + "; one request per account every " + words(p.faucetRequestWait()) + ")");
    }
    long waitBlocks = -Math.floorDiv(-p.faucetRequestWait().toMillis(), blockMillis);
    next.value = BigInteger.valueOf(block).add(BigInteger.valueOf(waitBlocks));
    balances.mintLpt(caller, amount);
    return amount;
  }

  /** {@code 1 h 2 min 3 s}, without zero units (at least {@code 1 s}). */
  static String words(Duration d) {
    StringBuilder sb = new StringBuilder();
    long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
    long[] units = {seconds / 3600, seconds / 60 % 60, seconds % 60};
    String[] names = {" h", " min", " s"};
    for (int i = 0; i < units.length; i++) {
      if (units[i] > 0) {
        sb.append(sb.isEmpty() ? "" : " ").append(units[i]).append(names[i]);
      }
    }
    return sb.toString();
  }
}
