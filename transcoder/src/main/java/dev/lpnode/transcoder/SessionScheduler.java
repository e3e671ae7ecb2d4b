package dev.lpnode.transcoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides when queued segments of one worker may start: at most {@code budget} cost units at once
 * (segments on a CPU worker, NVENC sessions on a GPU), one segment per session at a time, otherwise
 * first come, first served. Starting is delegated and must not block.
 */
final class SessionScheduler<J extends SessionScheduler.Job> {
  interface Job {
    String sessionId();

    int cost();
  }

  private final int budget;
  private final Consumer<J> starter;
  private final Deque<J> waiting = new ArrayDeque<>();
  private final Set<String> busySessions = new HashSet<>();
  private int used;

  SessionScheduler(int budget, Consumer<J> starter) {
    this.budget = budget;
    this.starter = starter;
  }

  int budget() {
    return budget;
  }

  void submit(J job) {
    List<J> start;
    synchronized (this) {
      waiting.add(job);
      start = startable();
    }
    start.forEach(starter);
  }

  /** A started job is done; frees its cost and lets the next ones start. */
  void finished(J job) {
    List<J> start;
    synchronized (this) {
      used -= job.cost();
      busySessions.remove(job.sessionId());
      start = startable();
    }
    start.forEach(starter);
  }

  /** Takes every job that has not started yet (to move them to another worker). */
  synchronized List<J> takeWaiting() {
    List<J> taken = new ArrayList<>(waiting);
    waiting.clear();
    return taken;
  }

  /** Takes back a job that has not started yet; false if it has (or was never here). */
  synchronized boolean remove(J job) {
    return waiting.remove(job);
  }

  synchronized int load() {
    return used + waiting.stream().mapToInt(Job::cost).sum();
  }

  private List<J> startable() {
    List<J> start = new ArrayList<>();
    for (Iterator<J> it = waiting.iterator(); it.hasNext(); ) {
      J job = it.next();
      if (busySessions.contains(job.sessionId())) {
        continue;
      }
      if (used + job.cost() > budget) {
        break; // keep FIFO order: a large job is not overtaken by smaller ones behind it
      }
      it.remove();
      used += job.cost();
      busySessions.add(job.sessionId());
      start.add(job);
    }
    return start;
  }
}
