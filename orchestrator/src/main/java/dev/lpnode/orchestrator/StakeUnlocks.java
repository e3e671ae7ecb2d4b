package dev.lpnode.orchestrator;

import dev.lpnode.orchestrator.badge.BadgeSource;
import dev.lpnode.orchestrator.segment.LadderLimit;
import dev.lpnode.orchestrator.session.AdmissionPriority;

/**
 * What staked LPT unlocks at this orchestrator (on the embedded network, read from its ledger):
 * priority admission and larger ladders for staked gateways, and this orchestrator's signed badge.
 */
public record StakeUnlocks(AdmissionPriority priority, LadderLimit ladders, BadgeSource badge) {
  /** Without stake tiers: go-livepeer's admission, the engine's ladder limit, no badge. */
  public static final StakeUnlocks NONE = new StakeUnlocks(AdmissionPriority.NONE, LadderLimit.NONE, BadgeSource.NONE);
}
