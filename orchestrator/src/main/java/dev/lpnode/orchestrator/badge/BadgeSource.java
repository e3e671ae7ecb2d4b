package dev.lpnode.orchestrator.badge;

import java.util.Optional;

/** This orchestrator's latest signed badge, if its network has stake tiers. Cheap: called on the event loop. */
@FunctionalInterface
public interface BadgeSource {
  Optional<SignedBadge> current();

  BadgeSource NONE = Optional::empty;
}
