package dev.lpnode.wire;

import org.web3j.crypto.Hash;

/** Ethereum's Keccak-256 (not NIST SHA3-256). */
public final class Keccak {
  private Keccak() {}

  public static byte[] hash(byte[] input) {
    return Hash.sha3(input);
  }
}
