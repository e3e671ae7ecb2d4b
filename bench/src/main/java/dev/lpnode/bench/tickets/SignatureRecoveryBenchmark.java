package dev.lpnode.bench.tickets;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.EthSignatures;
import dev.lpnode.payments.crypto.InvalidSignatureException;
import dev.lpnode.payments.crypto.Keccak;
import dev.lpnode.payments.crypto.SigningKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under ticket validation: recovering the signer of a personal signature with
 * libsecp256k1, nothing else. Run next to {@link TicketValidationBenchmark} it shows how much of a
 * noisy figure is the machine and how much is the receive path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SignatureRecoveryBenchmark {
  private static final int SIGNATURES = 256;
  private final byte[][] messages = new byte[SIGNATURES][];
  private final byte[][] signatures = new byte[SIGNATURES][];

  @Setup
  public void setUp() {
    SigningKey key = SigningKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    for (int i = 0; i < SIGNATURES; i++) {
      messages[i] = Keccak.keccak256(new byte[] {(byte) i});
      signatures[i] = key.signPersonal(messages[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SIGNATURES)
  public int recoverPersonalSigner() throws InvalidSignatureException {
    int h = 0;
    for (int i = 0; i < SIGNATURES; i++) {
      EthAddress signer = EthSignatures.recoverPersonalSigner(messages[i], signatures[i]);
      h += signer.hashCode();
    }
    return h;
  }
}
