package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;

/** Accounts the embedded network itself owns; no key controls them. */
public final class SystemAccounts {
  /** Custodian of all bonded LPT and of fee ETH, as Livepeer's Minter. */
  public static final EthAddress MINTER = EthAddress.ofNumber(0x4d696e746572L);
  /** Receives the treasury's cut of each round's issuance. */
  public static final EthAddress TREASURY = EthAddress.ofNumber(0x5472656173L);

  private SystemAccounts() {}
}
