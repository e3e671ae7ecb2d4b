package dev.lpnode.gateway.evidence;

import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.SlashResult;
import dev.lpnode.ledger.Slashing;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.payments.crypto.EthAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps evidence as {@code <dir>/<id>.json} (owner-only, {@link RenditionEvidence}'s format), at
 * most {@code maxFiles} of them so a lying orchestrator cannot fill the disk, and logs each new
 * file's path once. With a ledger ({@code -slashOnFault}) it also submits each new evidence
 * itself, as {@code finder}.
 */
public final class EvidenceStore implements EvidenceKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceStore.class);
  public static final int DEFAULT_MAX_FILES = 100;

  /** The ledger to submit to and who is paid the finder's fee. */
  public record Submitter(Slashing ledger, EthAddress finder) {}

  private final Path dir;
  private final int maxFiles;
  private final Optional<Submitter> submitter;
  private final ThrottledLog full = ThrottledLog.warn(LOG);

  public EvidenceStore(Path dir, int maxFiles, Optional<Submitter> submitter) {
    this.dir = dir;
    this.maxFiles = maxFiles;
    this.submitter = submitter;
  }

  /** Where evidence is kept under a node's data directory. */
  public static Path under(Path dataDir) {
    return dataDir.resolve("evidence");
  }

  @Override
  public void keep(RenditionEvidence evidence) {
    Optional<Path> written;
    try {
      written = write(evidence);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not keep evidence against {} in {}: {}", evidence.offender(), dir, e.toString());
      return;
    }
    if (written.isEmpty()) {
      return;
    }
    LOG.warn("kept evidence that {} signed a rendition that is not decodable media: {}", evidence.offender(), written.get());
    submitter.ifPresent(s -> submit(s, evidence));
  }

  /** The new file, or empty if this evidence is already kept or the directory is full. */
  private synchronized Optional<Path> write(RenditionEvidence evidence) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(evidence.id() + ".json");
    if (Files.exists(file)) {
      return Optional.empty();
    }
    try (Stream<Path> kept = Files.list(dir)) {
      if (kept.filter(p -> p.toString().endsWith(".json")).count() >= maxFiles) {
        full.log("full", "evidence directory {} holds {} files: not keeping evidence against {}", dir, maxFiles, evidence.offender());
        return Optional.empty();
      }
    }
    Path temp = Files.createTempFile(dir, evidence.id(), ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, evidence.toJson(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return Optional.of(file);
  }

  private static void submit(Submitter s, RenditionEvidence evidence) {
    try {
      SlashResult result = s.ledger().slash(s.finder(), evidence);
      LOG.warn("slashed {} for evidence {}: penalty {} LPT wei, finder's fee {} to {}, burned {}", result.offender(), evidence.id(),
          result.penalty(), result.finderFee(), s.finder(), result.burned());
    } catch (LedgerException e) {
      LOG.warn("-slashOnFault: evidence {} against {} refused: {}", evidence.id(), evidence.offender(), e.getMessage());
    }
  }
}
