package dev.lpnode.wire;

import dev.lpnode.wire.net.Capabilities;
import dev.lpnode.wire.net.Capabilities.CapabilityConstraints;
import dev.lpnode.wire.net.Capabilities.CapabilityConstraints.ModelConstraint;
import java.util.Map;

/**
 * Livepeer's compatibility rule between a job's capabilities (the gateway's) and a node's (the
 * orchestrator's), used by gateways in discovery and by orchestrators on every segment
 * (spec/protocol.md §1.3).
 */
public final class CapabilityCheck {
  private CapabilityCheck() {}

  /** Whether a node advertising {@code node} can serve a job requiring {@code job}. */
  public static boolean compatible(Capabilities job, Capabilities node) {
    String minVersion = job.getConstraints().getMinVersion();
    if (!minVersion.isEmpty() && !SemVer.atLeast(node.getVersion(), minVersion)) {
      return false;
    }
    CapabilitySet jobBits = CapabilitySet.fromNet(job);
    if (!jobBits.containsAll(CapabilitySet.ofWords(node.getMandatoriesList()))) {
      return false;
    }
    if (!modelsSatisfied(job, node)) {
      return false;
    }
    return CapabilitySet.fromNet(node).containsAll(jobBits);
  }

  /** Per-capability model constraints (used by AI jobs): the node must have every model the job lists, warm if asked. */
  private static boolean modelsSatisfied(Capabilities job, Capabilities node) {
    Map<Integer, CapabilityConstraints> nodeConstraints = node.getConstraints().getPerCapabilityMap();
    for (var entry : job.getConstraints().getPerCapabilityMap().entrySet()) {
      CapabilityConstraints nodeModels = nodeConstraints.get(entry.getKey());
      if (nodeModels == null) {
        continue;
      }
      for (var wanted : entry.getValue().getModelsMap().entrySet()) {
        ModelConstraint have = nodeModels.getModelsMap().get(wanted.getKey());
        if (have == null || (wanted.getValue().getWarm() && !have.getWarm())) {
          return false;
        }
      }
    }
    return true;
  }
}
