package dev.lpnode.ledger.rules;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transcoder pool (Livepeer's SortedDoublyLL): the next round's active set, sorted by total
 * stake, largest first. A member inserted (or re-keyed) with the same stake as others goes before
 * them, as the contract's insertion without hints does, so the last member is the oldest among the
 * lowest stakes.
 */
final class TranscoderPool extends Entity {
  static final Kind<TranscoderPool> KIND = new Kind<>("g/pool", TranscoderPool::new, TranscoderPool::decode);

  record Member(EthAddress address, BigInteger stake) {}

  private final List<Member> members = new ArrayList<>();

  List<Member> members() {
    return List.copyOf(members);
  }

  int size() {
    return members.size();
  }

  boolean contains(EthAddress address) {
    return indexOf(address) >= 0;
  }

  Optional<Member> last() {
    return members.isEmpty() ? Optional.empty() : Optional.of(members.get(members.size() - 1));
  }

  void insert(EthAddress address, BigInteger stake) {
    if (contains(address)) {
      throw new IllegalStateException(address + " is already in the transcoder pool");
    }
    int i = 0;
    while (i < members.size() && members.get(i).stake().compareTo(stake) > 0) {
      i++;
    }
    members.add(i, new Member(address, stake));
  }

  void remove(EthAddress address) {
    int i = indexOf(address);
    if (i < 0) {
      throw new IllegalStateException(address + " is not in the transcoder pool");
    }
    members.remove(i);
  }

  void updateKey(EthAddress address, BigInteger stake) {
    remove(address);
    insert(address, stake);
  }

  private int indexOf(EthAddress address) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).address().equals(address)) {
        return i;
      }
    }
    return -1;
  }

  private static TranscoderPool decode(Row r) {
    TranscoderPool pool = new TranscoderPool();
    while (r.hasMore()) {
      pool.members.add(new Member(r.address(), r.big()));
    }
    return pool;
  }

  @Override
  String encode() {
    List<Object> fields = new ArrayList<>();
    for (Member m : members) {
      fields.add(m.address());
      fields.add(m.stake());
    }
    return Row.of(fields.toArray());
  }
}
