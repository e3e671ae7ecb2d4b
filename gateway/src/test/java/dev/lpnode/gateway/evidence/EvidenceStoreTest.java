package dev.lpnode.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.embedded.EmbeddedLedger;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.orchestrator.testing.MutableClock;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.LivepeerSignatures;
import dev.lpnode.payments.crypto.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code -slashOnFault} does: keep each evidence once, within a bound, and submit it to a real ledger as finder. */
class EvidenceStoreTest {
  private static final SigningKey ORCHESTRATOR = SigningKey.fromHex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final EthAddress FINDER = EthAddress.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  private static final BigInteger LPT = BigInteger.TEN.pow(18);

  @TempDir
  Path dir;

  /** One garbage rendition, signed by the orchestrator: a different fault for each {@code n}. */
  private static RenditionEvidence fault(int n) {
    byte[] garbage = ("garbage " + n).repeat(50).getBytes(StandardCharsets.UTF_8);
    return new RenditionEvidence(ORCHESTRATOR.address(), LivepeerSignatures.sign(ORCHESTRATOR, Keccak.keccak256(garbage)),
        List.of(new RenditionEvidence.Rendition("P144p30fps16x9", garbage)));
  }

  private List<Path> kept(Path evidenceDir) throws Exception {
    try (Stream<Path> files = Files.list(evidenceDir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void eachFaultIsKeptOnceWithinTheBoundAndSlashedOnce() throws Exception {
    NetworkParameters params = NetworkParameters.defaults().with(NetworkParameter.SLASH_AMOUNT, 100_000);
    try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("ledger.sqlite3"), params, new MutableClock(),
        new RenditionFaultVerifier(), genesis -> {
          genesis.mintLpt(ORCHESTRATOR.address(), LPT.multiply(BigInteger.valueOf(1000)));
          genesis.bond(ORCHESTRATOR.address(), LPT.multiply(BigInteger.valueOf(1000)), ORCHESTRATOR.address());
          genesis.registerTranscoder(ORCHESTRATOR.address(), 0, 0);
        })) {
      ledger.initializeRoundIfNeeded();
      Path evidenceDir = dir.resolve("evidence");
      EvidenceStore store = new EvidenceStore(evidenceDir, 2, Optional.of(new EvidenceStore.Submitter(ledger, FINDER)));

      store.keep(fault(1));
      assertThat(kept(evidenceDir)).containsExactly(evidenceDir.resolve(fault(1).id() + ".json"));
      assertThat(Files.getPosixFilePermissions(kept(evidenceDir).get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(RenditionEvidence.parse(Files.readAllBytes(kept(evidenceDir).get(0))).id()).isEqualTo(fault(1).id());
      BigInteger afterOne = LPT.multiply(BigInteger.valueOf(900));
      assertThat(ledger.delegator(ORCHESTRATOR.address()).bondedAmount()).isEqualTo(afterOne);
      assertThat(ledger.lptBalance(FINDER)).isEqualTo(LPT.multiply(BigInteger.valueOf(5))); // 5 % of the 100 LPT penalty

      store.keep(fault(1));
      assertThat(kept(evidenceDir)).hasSize(1);
      assertThat(ledger.delegator(ORCHESTRATOR.address()).bondedAmount()).as("not slashed twice").isEqualTo(afterOne);

      store.keep(fault(2));
      BigInteger afterTwo = afterOne.subtract(afterOne.divide(BigInteger.TEN));
      assertThat(ledger.delegator(ORCHESTRATOR.address()).bondedAmount()).isEqualTo(afterTwo);

      store.keep(fault(3));
      assertThat(kept(evidenceDir)).as("the directory is full").hasSize(2);
      assertThat(ledger.delegator(ORCHESTRATOR.address()).bondedAmount()).isEqualTo(afterTwo);
    }
  }
}
