package dev.lpnode.transcoder.engine;

/**
 * A part of one segment's pipeline (the decoder, or one rendition's filter or encoder) that a {@link
 * StepScheduler} runs one step at a time, never on two threads at once. {@link #ready()}, {@link
 * #claim()} and {@link #done()} are called with the scheduler's lock held; {@link #step} without it.
 */
abstract class Stage {
  /** Whether a step is running on some thread; guarded by the scheduler. */
  boolean running;

  /** Whether a step could run now: it has input, and room for what it produces. */
  abstract boolean ready();

  /** Takes the input of the next step, right after {@link #ready()} said yes. */
  abstract Object claim();

  /** Runs one step on what {@link #claim()} returned; owns that input from here on. */
  abstract void step(Object input);

  /** Whether the last step has been claimed; once no step runs, the stage has nothing left to do. */
  abstract boolean done();

  /** Frees everything the stage still holds. Called once, after the last step has run or failed. */
  abstract void release();
}
