package dev.lpnode.ledger.evidence;

import dev.lpnode.ledger.FaultEvidence;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Hex;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What an orchestrator signed for one segment: its TranscodeData.sig over keccak256(keccak256(r1)
 * ‖ … ‖ keccak256(rn)) and the renditions r1…rn themselves, with their profile names. Its {@link
 * #id()} is the hex of the signed message's hash, so one signed result is slashed at most once.
 *
 * <p>The file format (UTF-8 JSON, at most {@link #MAX_JSON_CHARS} characters):
 *
 * <pre>
 * {"format": "lpnode-rendition-evidence/1", "offender": "0x…20 bytes", "signature": "0x…65 bytes",
 *  "id": "0x…32 bytes" (optional: checked against the renditions when present),
 *  "renditions": [{"profile": "P144p30fps16x9", "data": "&lt;base64 of the bytes downloaded&gt;"}, …]}
 * </pre>
 *
 * Whether it proves a fault is the {@link dev.lpnode.ledger.FaultVerifier}'s decision; this class
 * only holds, reads and writes it.
 */
public record RenditionEvidence(EthAddress offender, byte[] signature, List<Rendition> renditions) implements FaultEvidence {
  public static final String FORMAT = "lpnode-rendition-evidence/1";
  /** Enough for a ladder of 2 s renditions at high bitrates (base64 adds a third). */
  public static final int MAX_JSON_CHARS = 16 * 1024 * 1024;
  /** go-livepeer's largest ladder is well under this. */
  public static final int MAX_RENDITIONS = 32;
  private static final int SIGNATURE_LENGTH = 65;

  /** One rendition as downloaded: its profile's name and its exact bytes. */
  public record Rendition(String profile, byte[] data) {
    public Rendition {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(data, "data");
    }
  }

  public RenditionEvidence {
    Objects.requireNonNull(offender, "offender");
    Objects.requireNonNull(signature, "signature");
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty() || renditions.size() > MAX_RENDITIONS) {
      throw new IllegalArgumentException("evidence needs 1 to " + MAX_RENDITIONS + " renditions, got " + renditions.size());
    }
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature must be " + SIGNATURE_LENGTH + " bytes, got " + signature.length);
    }
  }

  /** What the orchestrator signs: the renditions' hashes, one after the other. */
  public byte[] signedMessage() {
    ByteArrayOutputStream hashes = new ByteArrayOutputStream(Keccak.HASH_LENGTH * renditions.size());
    for (Rendition r : renditions) {
      hashes.writeBytes(Keccak.keccak256(r.data()));
    }
    return hashes.toByteArray();
  }

  /** Whether the signature is the offender's over exactly these renditions. */
  public boolean signedByOffender() {
    return LivepeerSignatures.verify(offender, signedMessage(), signature);
  }

  /** {@code 0x} and the hash of the signed message. */
  @Override
  public String id() {
    return Hex.encodePrefixed(Keccak.keccak256(signedMessage()));
  }

  public String toJson() {
    JsonArray list = new JsonArray();
    for (Rendition r : renditions) {
      list.add(new JsonObject().put("profile", r.profile()).put("data", Base64.getEncoder().encodeToString(r.data())));
    }
    return new JsonObject().put("format", FORMAT).put("offender", offender.toChecksumHex())
        .put("signature", Hex.encodePrefixed(signature)).put("id", id()).put("renditions", list).encodePrettily();
  }

  /** Reads the file format; throws {@link IllegalArgumentException} saying what is wrong. */
  public static RenditionEvidence parse(String json) {
    if (json.length() > MAX_JSON_CHARS) {
      throw new IllegalArgumentException("evidence is larger than " + MAX_JSON_CHARS + " characters");
    }
    JsonObject object;
    try {
      object = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("evidence is not a JSON object");
    }
    if (!FORMAT.equals(object.getValue("format"))) {
      throw new IllegalArgumentException("evidence format must be \"" + FORMAT + "\"");
    }
    EthAddress offender;
    try {
      offender = EthAddress.fromHex(text(object, "offender"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("evidence offender is not an address");
    }
    byte[] signature = hex(object, "signature");
    Object list = object.getValue("renditions");
    if (!(list instanceof JsonArray array)) {
      throw new IllegalArgumentException("evidence needs renditions, a list");
    }
    List<Rendition> renditions = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject r)) {
        throw new IllegalArgumentException("evidence rendition " + i + " is not an object");
      }
      try {
        renditions.add(new Rendition(text(r, "profile"), Base64.getDecoder().decode(text(r, "data"))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("evidence rendition " + i + ": " + e.getMessage());
      }
    }
    RenditionEvidence evidence = new RenditionEvidence(offender, signature, renditions);
    if (object.containsKey("id") && !evidence.id().equalsIgnoreCase(String.valueOf(object.getValue("id")))) {
      throw new IllegalArgumentException("evidence id " + object.getValue("id") + " is not the hash of its renditions' hashes ("
          + evidence.id() + ")");
    }
    return evidence;
  }

  private static String text(JsonObject object, String name) {
    if (!(object.getValue(name) instanceof String value) || value.isBlank()) {
      throw new IllegalArgumentException("evidence needs " + name + ", a string");
    }
    return value;
  }

  private static byte[] hex(JsonObject object, String name) {
    String value = text(object, name);
    try {
      return Hex.decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("evidence " + name + " is not hex: " + e.getMessage());
    }
  }

  /** Reads a file's bytes as the format's UTF-8 text. */
  public static RenditionEvidence parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }
}
