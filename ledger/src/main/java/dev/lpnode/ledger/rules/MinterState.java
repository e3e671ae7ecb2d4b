package dev.lpnode.ledger.rules;

import static java.math.BigInteger.ZERO;

import java.math.BigInteger;

/** The Minter's round state and the token supplies it is responsible for. */
final class MinterState extends Entity {
  static final Kind<MinterState> KIND = new Kind<>("g/minter", MinterState::new, MinterState::decode);

  /** ppb per round. */
  BigInteger inflation = ZERO;
  BigInteger currentMintableTokens = ZERO;
  BigInteger currentMintedTokens = ZERO;
  /** LPT total supply: the sum of all LPT balances. */
  BigInteger lptSupply = ZERO;
  /** ETH in the embedded network: the sum of all ETH balances. */
  BigInteger ethSupply = ZERO;

  private static MinterState decode(Row r) {
    MinterState m = new MinterState();
    m.inflation = r.big();
    m.currentMintableTokens = r.big();
    m.currentMintedTokens = r.big();
    m.lptSupply = r.big();
    m.ethSupply = r.big();
    return m;
  }

  @Override
  String encode() {
    return Row.of(inflation, currentMintableTokens, currentMintedTokens, lptSupply, ethSupply);
  }
}
