package dev.lpnode.node.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class NodeKeystoreTest {
  @TempDir Path dir;

  @Test
  void createsAnAccountOnFirstStartAndReloadsIt() {
    NodeKeystore.Account first = NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, "pw");
    assertThat(first.created()).isTrue();
    assertThat(first.file().getFileName().toString()).startsWith("UTC--");
    NodeKeystore.Account again = NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, "pw");
    assertThat(again.created()).isFalse();
    assertThat(again.address()).isEqualTo(first.address());
    assertThat(NodeKeystore.loadOrCreate(first.file(), null, "pw").address()).isEqualTo(first.address());

    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, "wrong"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("wrong password");
  }

  @Test
  void choosesAmongSeveralAccountsByAddress() throws Exception {
    String a = WalletUtils.generateLightNewWalletFile("pw", dir.toFile());
    String b = WalletUtils.generateLightNewWalletFile("pw", dir.toFile());
    Files.writeString(dir.resolve("notes.txt"), "not a key");
    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir, null, "pw"))
        .hasMessageContaining("holds 2 accounts; choose one with -ethAcctAddr");

    String addressB = "0x" + WalletUtils.loadCredentials("pw", dir.resolve(b).toFile()).getAddress().substring(2);
    NodeKeystore.Account chosen = NodeKeystore.loadOrCreate(dir, Keys.toChecksumAddress(addressB), "pw");
    assertThat(chosen.address()).isEqualTo(addressB);
    assertThat(chosen.file().getFileName().toString()).isEqualTo(b);
    assertThat(a).isNotEqualTo(b);

    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir, "0x" + "1".repeat(40), "pw"))
        .hasMessageContaining("no key for account");
  }
}
