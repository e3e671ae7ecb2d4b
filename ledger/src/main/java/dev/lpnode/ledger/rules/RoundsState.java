package dev.lpnode.ledger.rules;

/** RoundsManager's storage, plus the highest block seen so the round never goes backwards. */
final class RoundsState extends Entity {
  static final Kind<RoundsState> KIND = new Kind<>("g/rounds", RoundsState::new, RoundsState::decode);

  long roundLength;
  long lastRoundLengthUpdateRound;
  long lastRoundLengthUpdateStartBlock;
  long lastInitializedRound;
  long lastSeenBlock;

  private static RoundsState decode(Row r) {
    RoundsState s = new RoundsState();
    s.roundLength = r.number();
    s.lastRoundLengthUpdateRound = r.number();
    s.lastRoundLengthUpdateStartBlock = r.number();
    s.lastInitializedRound = r.number();
    s.lastSeenBlock = r.number();
    return s;
  }

  @Override
  String encode() {
    return Row.of(roundLength, lastRoundLengthUpdateRound, lastRoundLengthUpdateStartBlock, lastInitializedRound, lastSeenBlock);
  }
}
