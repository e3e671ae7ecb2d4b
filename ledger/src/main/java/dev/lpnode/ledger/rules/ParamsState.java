package dev.lpnode.ledger.rules;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The network's parameters in force, and changes passed by governance that take effect when the
 * next round is initialized (so a round's issuance is computed under one set of rules).
 */
final class ParamsState extends Entity {
  static final Kind<ParamsState> KIND = new Kind<>("g/params", ParamsState::new, ParamsState::decode);

  /** Null until genesis; stored explicitly so that new defaults in code never change a running network. */
  NetworkParameters current;
  final List<ParameterChange> pending = new ArrayList<>();

  /** The parameters once the pending changes are applied. */
  NetworkParameters effectiveNext() {
    NetworkParameters next = current;
    for (ParameterChange c : pending) {
      next = next.with(c.parameter(), c.value());
    }
    return next;
  }

  private static ParamsState decode(Row r) {
    ParamsState s = new ParamsState();
    String current = r.text();
    s.current = current.isEmpty() ? null : NetworkParameters.decode(current);
    String pending = r.text();
    if (!pending.isEmpty()) {
      for (String change : pending.split(";")) {
        int eq = change.indexOf('=');
        s.pending.add(new ParameterChange(NetworkParameter.byKey(change.substring(0, eq)), new BigInteger(change.substring(eq + 1))));
      }
    }
    return s;
  }

  @Override
  String encode() {
    List<String> changes = new ArrayList<>();
    pending.forEach(c -> changes.add(c.toString()));
    return Row.of(current == null ? "" : current.encode(), String.join(";", changes));
  }
}
