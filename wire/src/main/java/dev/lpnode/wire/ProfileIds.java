package dev.lpnode.wire;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Livepeer's profile IDs: the first 4 bytes of keccak256 of the profile name. */
public final class ProfileIds {
  private ProfileIds() {}

  public static byte[] id(String profileName) {
    byte[] id = new byte[4];
    System.arraycopy(Keccak.hash(profileName.getBytes(StandardCharsets.UTF_8)), 0, id, 0, 4);
    return id;
  }

  /** The lowercase hex of the concatenated IDs, as used in the segment signature. */
  public static String hex(List<String> profileNames) {
    StringBuilder sb = new StringBuilder();
    for (String name : profileNames) {
      sb.append(HexFormat.of().formatHex(id(name)));
    }
    return sb.toString();
  }
}
