package dev.lpnode.eth.kit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One kit chain per test class: {@code @RegisterExtension static KitChainExtension chain = new
 * KitChainExtension(Map.of(...))}. Started before the class's first test, stopped after its last;
 * the class is skipped, with a message saying why, where the chain kit is absent.
 */
public final class KitChainExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> env;
  private KitChain chain;
  private Path dir;

  /** @param env the kit's overrides, e.g. {@code LP_ROUND_LENGTH} */
  public KitChainExtension(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<Path> kit = KitChain.kit();
    Assumptions.assumeTrue(kit.isPresent(),
        "chain tests skipped: the chain kit (../shared/chain beside the checkout, with start.sh) is absent");
    dir = Files.createTempDirectory("lpnode-chain-");
    chain = KitChain.start(kit.get(), dir, env);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (chain != null) {
      chain.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  public KitChain chain() {
    return chain;
  }
}
