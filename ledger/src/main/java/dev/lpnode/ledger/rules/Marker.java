package dev.lpnode.ledger.rules;

/** A set membership: a segment already recorded, a fault proof already used. */
final class Marker extends Entity {
  static final Kind<Marker> SEGMENT = new Kind<>("seg/", Marker::new, Marker::decode);
  static final Kind<Marker> EVIDENCE = new Kind<>("ev/", Marker::new, Marker::decode);

  boolean present;

  private static Marker decode(Row r) {
    Marker m = new Marker();
    m.present = r.flag();
    return m;
  }

  @Override
  String encode() {
    return Row.of(present);
  }
}
