package dev.lpnode.orchestrator.segment;

import dev.lpnode.payments.crypto.EthAddress;
import java.util.Optional;

/**
 * How many renditions a gateway may ask for in one segment (on a network with stake tiers, staked
 * gateways may ask for more). A segment over the limit is refused before its payment is looked at.
 */
public interface LadderLimit {
  /** Why {@code gateway}'s segment of {@code renditions} renditions is refused, or empty. May read the ledger: never call it on an event loop. */
  Optional<String> refusal(EthAddress gateway, int renditions);

  /** No limit here: the engine's own (lpms's 10 renditions) applies to every gateway. */
  LadderLimit NONE = (gateway, renditions) -> Optional.empty();
}
