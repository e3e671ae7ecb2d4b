package dev.lpnode.node.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpnode.config.ConfigException;
import dev.lpnode.storage.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

class NodeKeystoreTest {
  @TempDir Path dir;

  private Path passwordFile() {
    return dir.resolve("ethPassword");
  }

  @Test
  void createsAnAccountOnFirstStartAndReloadsIt() {
    NodeKeystore.Account first = NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, Optional.of("pw"), passwordFile());
    assertThat(first.created()).isTrue();
    assertThat(first.unlockedWith()).isEqualTo("-ethPassword");
    assertThat(first.file().getFileName().toString()).startsWith("UTC--");
    assertThat(passwordFile()).as("a password given is never written down").doesNotExist();
    NodeKeystore.Account again = NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, Optional.of("pw"), passwordFile());
    assertThat(again.created()).isFalse();
    assertThat(again.address()).isEqualTo(first.address());
    assertThat(NodeKeystore.loadOrCreate(first.file(), null, Optional.of("pw"), passwordFile()).address()).isEqualTo(first.address());

    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir.resolve("keystore"), null, Optional.of("wrong"), passwordFile()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("wrong password");
  }

  @Test
  void aNewAccountWithoutAPasswordGetsARandomOneThatOnlyItsUserCanRead() throws Exception {
    Path keystore = dir.resolve("keystore");
    NodeKeystore.Account account = NodeKeystore.loadOrCreate(keystore, null, Optional.empty(), passwordFile());
    assertThat(account.created()).isTrue();
    assertThat(account.emptyPassword()).isFalse();
    assertThat(account.unlockedWith()).isEqualTo("the password in " + passwordFile());

    String password = Files.readString(passwordFile()).strip();
    assertThat(password).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Files.getPosixFilePermissions(passwordFile())).isEqualTo(OwnerOnly.FILE);
    assertThat(Files.getPosixFilePermissions(account.file())).isEqualTo(OwnerOnly.FILE);
    assertThat(Files.getPosixFilePermissions(keystore)).isEqualTo(OwnerOnly.DIRECTORY);
    assertThat(WalletUtils.loadCredentials(password, account.file().toFile()).getAddress()).isEqualTo(account.address());
    assertThatThrownBy(() -> WalletUtils.loadCredentials("", account.file().toFile())).isInstanceOf(CipherException.class);
    assertThat(account.toString()).doesNotContain(password).doesNotContain(account.credentials().getEcKeyPair().getPrivateKey().toString(16));

    NodeKeystore.Account again = NodeKeystore.loadOrCreate(keystore, null, Optional.empty(), passwordFile());
    assertThat(again.created()).isFalse();
    assertThat(again.address()).isEqualTo(account.address());
    assertThat(Files.readString(passwordFile()).strip()).isEqualTo(password);

    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir.resolve("other"), null, Optional.of(""), passwordFile()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("-ethPassword is empty: a new account needs a password");
  }

  @Test
  void aKeystoreFromBeforeWithTheEmptyPasswordStillOpensAndIsRestricted() throws Exception {
    Path keystore = Files.createDirectory(dir.resolve("keystore"));
    Path file = keystore.resolve(WalletUtils.generateLightNewWalletFile("", keystore.toFile()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    NodeKeystore.Account account = NodeKeystore.loadOrCreate(keystore, null, Optional.empty(), passwordFile());
    assertThat(account.created()).isFalse();
    assertThat(account.emptyPassword()).isTrue();
    assertThat(account.unlockedWith()).isEqualTo("the empty password");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnly.FILE);
    assertThat(passwordFile()).as("an existing account keeps its password").doesNotExist();
  }

  @Test
  void choosesAmongSeveralAccountsByAddress() throws Exception {
    String a = WalletUtils.generateLightNewWalletFile("pw", dir.toFile());
    String b = WalletUtils.generateLightNewWalletFile("pw", dir.toFile());
    Files.writeString(dir.resolve("notes.txt"), "not a key");
    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir, null, Optional.of("pw"), passwordFile()))
        .hasMessageContaining("holds 2 accounts; choose one with -ethAcctAddr");

    String addressB = "0x" + WalletUtils.loadCredentials("pw", dir.resolve(b).toFile()).getAddress().substring(2);
    NodeKeystore.Account chosen = NodeKeystore.loadOrCreate(dir, Keys.toChecksumAddress(addressB), Optional.of("pw"), passwordFile());
    assertThat(chosen.address()).isEqualTo(addressB);
    assertThat(chosen.file().getFileName().toString()).isEqualTo(b);
    assertThat(a).isNotEqualTo(b);

    assertThatThrownBy(() -> NodeKeystore.loadOrCreate(dir, "0x" + "1".repeat(40), Optional.of("pw"), passwordFile()))
        .hasMessageContaining("no key for account");
  }
}
