package dev.lpnode.payments.recipient;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Replay protection: the nonces seen per recipientRand (that is, per set of params). Nonces need
 * not increase, only be unique; at most {@link #MAX_NONCES} are accepted per recipientRand. Entries
 * are dropped once their params have expired, after which tickets on them are refused anyway.
 */
final class NonceRegistry {
  static final int MAX_NONCES = 600;

  private record Entry(Set<Long> nonces, long expirationBlock) {
  }

  private final Map<BigInteger, Entry> byRecipientRand = new HashMap<>();

  /** Records {@code nonce}; returns go-livepeer's error text if it was seen or the cap is reached, else null. */
  synchronized String record(BigInteger recipientRand, long expirationBlock, EthAddress sender, long nonce) {
    Entry entry = byRecipientRand.computeIfAbsent(recipientRand, r -> new Entry(new HashSet<>(), expirationBlock));
    if (entry.nonces().contains(nonce)) {
      return "invalid ticket senderNonce: already seen sender=" + sender + " nonce=" + nonce;
    }
    if (entry.nonces().size() >= MAX_NONCES) {
      return "invalid ticket senderNonce: too many values sender=" + sender + " nonce=" + nonce;
    }
    entry.nonces().add(nonce);
    return null;
  }

  /** Forgets the nonces of params that expired at or before {@code latestL1Block}. */
  synchronized void removeExpired(long latestL1Block) {
    for (Iterator<Entry> it = byRecipientRand.values().iterator(); it.hasNext(); ) {
      if (it.next().expirationBlock() <= latestL1Block) {
        it.remove();
      }
    }
  }

  synchronized int size() {
    return byRecipientRand.size();
  }
}
