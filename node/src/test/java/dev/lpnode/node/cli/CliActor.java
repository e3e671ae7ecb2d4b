package dev.lpnode.node.cli;

import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/** An account with its own keystore directory and password file, as a newcomer holds one, acting through {@code ./lpnode cli}. */
public record CliActor(SigningKey key, Path keystore, Path password) {
  /** What {@code ./lpnode cli} printed and its exit status. */
  public record Run(int status, String out, String err) {
    public JsonObject json() {
      return new JsonObject(out);
    }
  }

  /** A new account under {@code dir}: a key file with web3j's light scrypt parameters (fast to unlock). */
  public static CliActor create(Path dir, String name) throws Exception {
    Path keystore = Files.createDirectories(dir.resolve(name));
    Path password = Files.writeString(dir.resolve(name + ".password"), "pw-" + name);
    ECKeyPair key = Keys.createEcKeyPair();
    WalletUtils.generateWalletFile("pw-" + name, key, keystore.toFile(), false);
    return new CliActor(SigningKey.of(key), keystore, password);
  }

  public EthAddress address() {
    return key.address();
  }

  public List<String> flags() {
    return List.of("-ethKeystorePath", keystore.toString(), "-ethPassword", password.toString());
  }

  /**
   * {@code ./lpnode cli} in this JVM with the node's {@code -cliAddr} and {@code -dataDir} flags in
   * {@code node}, as {@code actor} (null: the node's own account).
   */
  public static Run cli(List<String> node, CliActor actor, String... args) {
    List<String> all = new ArrayList<>(node);
    if (actor != null) {
      all.addAll(actor.flags());
    }
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CliMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
