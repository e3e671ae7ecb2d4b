package dev.lpnode.orchestrator.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.payments.crypto.Keccak;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyHasherTest {
  /** Chunks handed over one by one to a pool of threads still hash in arrival order. */
  @Test
  void hashesChunksInArrivalOrderOnAPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Random random = new Random(7);
      for (int round = 0; round < 20; round++) {
        BodyHasher hasher = new BodyHasher(pool);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
          byte[] chunk = new byte[1 + random.nextInt(20_000)];
          random.nextBytes(chunk);
          whole.writeBytes(chunk);
          hasher.add(chunk);
        }
        assertThat(hasher.finish().get(10, TimeUnit.SECONDS)).isEqualTo(Keccak.keccak256(whole.toByteArray()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyBodyHasTheEmptyHash() throws Exception {
    assertThat(new BodyHasher(Runnable::run).finish().get()).isEqualTo(Keccak.keccak256());
  }

  @Test
  void aPoolThatRefusesWorkFailsTheHash() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    BodyHasher hasher = new BodyHasher(pool);
    hasher.add(new byte[10]);
    assertThatThrownBy(() -> hasher.finish().get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
  }
}
