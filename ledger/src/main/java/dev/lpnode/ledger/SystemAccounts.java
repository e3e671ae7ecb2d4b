package dev.lpnode.ledger;

/** Accounts the embedded network itself owns; no key controls them. */
public final class SystemAccounts {
  /** Custodian of all bonded LPT and of fee ETH, as Livepeer's Minter. */
  public static final Address MINTER = Address.ofNumber(0x4d696e746572L);
  /** Receives the treasury's cut of each round's issuance. */
  public static final Address TREASURY = Address.ofNumber(0x5472656173L);

  private SystemAccounts() {}
}
