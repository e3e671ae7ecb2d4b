package dev.lpnode.gateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Releases results in the order their work was started, whatever order the work finishes in:
 * segments processed concurrently reach the playlists in sequence. A failed entry is skipped.
 * Thread-safe.
 */
final class PublishOrder<T> {
  /** A place in line, returned by {@link #reserve()}. */
  static final class Ticket<T> {
    private boolean done;
    private T result;
  }

  private final ArrayDeque<Ticket<T>> line = new ArrayDeque<>();

  synchronized Ticket<T> reserve() {
    Ticket<T> ticket = new Ticket<>();
    line.addLast(ticket);
    return ticket;
  }

  /** Records a result; returns every result now released, in order. */
  synchronized List<T> complete(Ticket<T> ticket, T result) {
    ticket.result = result;
    ticket.done = true;
    return release();
  }

  /** Records a failure; returns every result now released, in order. */
  synchronized List<T> fail(Ticket<T> ticket) {
    ticket.done = true;
    return release();
  }

  synchronized int pending() {
    return line.size();
  }

  private List<T> release() {
    List<T> released = new ArrayList<>();
    while (!line.isEmpty() && line.peekFirst().done) {
      T result = line.pollFirst().result;
      if (result != null) {
        released.add(result);
      }
    }
    return released;
  }
}
