package dev.lpnode.wire;

/**
 * An extension of the O–T protocol that go-livepeer ignores: an orchestrator that decodes every
 * remote result itself before billing it says so in a response header of the registration stream,
 * and a transcoder that reads it skips its own decode of the renditions it makes for that
 * orchestrator (one decode per rendition instead of two). A go-livepeer orchestrator, which checks
 * nothing, sends no such header, so its transcoders keep checking their own output.
 */
public final class RecountedResults {
  /** The header's name (HTTP/2 headers are lower case); its value is {@link #VALUE}. */
  public static final String HEADER = "lpnode-recounts-results";
  public static final String VALUE = "1";

  private RecountedResults() {}
}
