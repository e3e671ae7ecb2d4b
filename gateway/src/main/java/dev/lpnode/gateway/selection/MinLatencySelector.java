package dev.lpnode.gateway.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.DoubleSupplier;

/**
 * go-livepeer's MinLSSelector: sessions that completed a segment are kept by latency score, and
 * the best is reused while its score is at most {@value #GOOD_ENOUGH} (it kept up with real time);
 * otherwise, or before any session has completed a segment, an untried session is chosen by
 * {@link ProbabilitySelection} over the untried orchestrators. A selected session leaves the
 * selector until {@link #complete} returns it. Not thread-safe: {@link SessionPool} guards it.
 */
final class MinLatencySelector {
  /** go-livepeer's SELECTOR_LATENCY_SCORE_THRESHOLD. */
  static final double GOOD_ENOUGH = 1.0;

  private final List<OrchestratorSession> unknown = new ArrayList<>();
  private final PriorityQueue<OrchestratorSession> known =
      new PriorityQueue<>(Comparator.comparingDouble(OrchestratorSession::latencyScore));
  private final StakeWeights stakes;
  private final ProbabilitySelection algorithm;
  private final DoubleSupplier random;

  MinLatencySelector(StakeWeights stakes, ProbabilitySelection algorithm, DoubleSupplier random) {
    this.stakes = stakes;
    this.algorithm = algorithm;
    this.random = random;
  }

  void add(List<OrchestratorSession> sessions) {
    unknown.addAll(sessions);
  }

  /** A session whose segment came back, with its new latency score. */
  void complete(OrchestratorSession session) {
    known.add(session);
  }

  Optional<OrchestratorSession> select() {
    OrchestratorSession best = known.peek();
    if (best == null || (best.latencyScore() > GOOD_ENOUGH && !unknown.isEmpty())) {
      return selectUnknown();
    }
    return Optional.of(known.poll());
  }

  int size() {
    return unknown.size() + known.size();
  }

  void clear() {
    unknown.clear();
    known.clear();
  }

  /** Chooses an orchestrator among the untried ones, then its first untried session. */
  private Optional<OrchestratorSession> selectUnknown() {
    if (unknown.isEmpty()) {
      return Optional.empty();
    }
    Map<Object, OrchestratorSession> byOrchestrator = new LinkedHashMap<>();
    for (OrchestratorSession s : unknown) {
      byOrchestrator.putIfAbsent(s.identity() == null ? s.transcoder() : s.identity(), s);
    }
    List<OrchestratorSession> firsts = List.copyOf(byOrchestrator.values());
    List<ProbabilitySelection.Candidate> candidates = firsts.stream()
        .map(s -> new ProbabilitySelection.Candidate(Math.max(0, stakes.weight(s.identity())), s.pricePerPixel()))
        .toList();
    OrchestratorSession chosen = firsts.get(algorithm.select(candidates, random.getAsDouble()));
    unknown.remove(chosen);
    return Optional.of(chosen);
  }
}
