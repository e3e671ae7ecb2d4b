package dev.lpnode.remote;

import dev.lpnode.config.HostPort;
import dev.lpnode.wire.CapabilitySet;
import java.util.Objects;

/**
 * What a remote transcoder registers with.
 *
 * @param orchestrator the orchestrator's public TLS port ({@code -orchAddr})
 * @param secret       {@code -orchSecret}
 * @param capacity     segments it transcodes at once: the admitted {@code -maxSessions}
 * @param capabilities what it can transcode ({@link TranscoderCapabilities#software()})
 * @param version      the protocol version it reports, compared with a gateway's minimum
 */
public record RemoteTranscoderSettings(HostPort orchestrator, String secret, int capacity, CapabilitySet capabilities,
    String version) {
  public RemoteTranscoderSettings {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(version, "version");
  }

  @Override
  public String toString() {
    return "RemoteTranscoderSettings[orchestrator=" + orchestrator + ", capacity=" + capacity + ", version=" + version + "]";
  }
}
