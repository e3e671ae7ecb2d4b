package dev.lpnode.ledger.rules;

/** A monotonically increasing id, such as the next proposal id. */
final class Counter extends Entity {
  static final Kind<Counter> PROPOSALS = new Kind<>("gov/next", Counter::new, Counter::decode);

  long value;

  long next() {
    return ++value;
  }

  private static Counter decode(Row r) {
    Counter c = new Counter();
    c.value = r.number();
    return c;
  }

  @Override
  String encode() {
    return Row.of(value);
  }
}
