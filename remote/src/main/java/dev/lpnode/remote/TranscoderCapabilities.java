package dev.lpnode.remote;

import dev.lpnode.wire.Capability;
import dev.lpnode.wire.CapabilitySet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The capabilities a remote transcoder registers with (protocol.md §8): go-livepeer's defaults plus
 * its optional capabilities, less what a software transcoder leaves out (HEVC decode and encode,
 * VP9 decode, VP8 and VP9 encode).
 */
public final class TranscoderCapabilities {
  private static final Set<Capability> OPTIONAL = EnumSet.of(Capability.HEVC_DECODE, Capability.HEVC_ENCODE,
      Capability.VP8_DECODE, Capability.VP9_DECODE, Capability.VP8_ENCODE, Capability.VP9_ENCODE,
      Capability.H264_DECODE_444_8BIT, Capability.H264_DECODE_422_8BIT, Capability.H264_DECODE_444_10BIT,
      Capability.H264_DECODE_422_10BIT, Capability.H264_DECODE_420_10BIT);
  private static final Set<Capability> NOT_IN_SOFTWARE = EnumSet.of(Capability.HEVC_DECODE, Capability.HEVC_ENCODE,
      Capability.VP9_DECODE, Capability.VP8_ENCODE, Capability.VP9_ENCODE);

  private TranscoderCapabilities() {}

  /**
   * The software set. A GPU transcoder registers with it too: go-livepeer probes each optional
   * capability on the GPU at start-up, which this engine does not (yet), so it claims what its
   * software path decodes.
   */
  public static CapabilitySet software() {
    List<Capability> caps = new ArrayList<>();
    for (Capability c : Capability.values()) {
      boolean offered = CapabilitySet.orchestratorDefaults().contains(c) || OPTIONAL.contains(c);
      if (offered && !NOT_IN_SOFTWARE.contains(c)) {
        caps.add(c);
      }
    }
    return CapabilitySet.of(caps);
  }
}
