package dev.lpnode.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenditionStoreTest {
  @Test
  void keepsTheTwelveNewestFilesPerDirectory() {
    RenditionStore store = new RenditionStore();
    for (int seq = 0; seq < 20; seq++) {
      store.put("s1/P240p30fps16x9", seq + ".ts", new byte[] {(byte) seq});
    }
    store.put("s1/P360p30fps16x9", "0.ts", new byte[] {42});
    assertThat(store.get("s1/P240p30fps16x9", "7.ts")).isEmpty();
    assertThat(store.get("s1/P240p30fps16x9", "8.ts")).hasValueSatisfying(b -> assertThat(b).containsExactly(8));
    assertThat(store.get("s1/P240p30fps16x9", "19.ts")).isPresent();
    assertThat(store.get("s1/P360p30fps16x9", "0.ts")).isPresent();
    assertThat(store.bytesStored()).isEqualTo(13);

    store.removeAll("s1");
    assertThat(store.get("s1/P360p30fps16x9", "0.ts")).isEmpty();
    assertThat(store.bytesStored()).isZero();
  }
}
