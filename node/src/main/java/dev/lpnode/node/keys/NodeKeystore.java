package dev.lpnode.node.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.storage.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The node's Ethereum account, from a V3 keystore as geth and go-livepeer keep it: {@code
 * -ethKeystorePath} names a directory or one key file, {@code -ethAcctAddr} picks among several
 * accounts, and a directory without any account gets a new one. The node never prompts.
 *
 * <p>The password is {@code -ethPassword} when given, else the one in the data directory's
 * password file. A new account without {@code -ethPassword} gets a random password, written to
 * that file (0600) first; the key file is 0600 in a 0700 directory. A key file from before, which
 * was encrypted with the empty password and has no password file, still opens (the caller warns).
 */
public final class NodeKeystore {
  private static final Logger LOG = LoggerFactory.getLogger(NodeKeystore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The file in the data directory holding the password the node made for its account. */
  public static final String PASSWORD_FILE = "ethPassword";

  private NodeKeystore() {}

  /**
   * The loaded account, whether it was created now, and what unlocked it ({@code -ethPassword}, the
   * password file, or the empty password). {@code toString} shows no key material.
   */
  public record Account(Credentials credentials, Path file, boolean created, String unlockedWith, boolean emptyPassword) {
    public String address() {
      return credentials.getAddress();
    }

    @Override
    public String toString() {
      return "account " + address() + " in " + file;
    }
  }

  /**
   * The node's account: {@code -ethKeystorePath} (default {@code <dataDir>/keystore}), {@code
   * -ethAcctAddr}, {@code -ethPassword} or the password file {@code <dataDir>/ethPassword}. Says
   * which account and where its password is, never the password; warns about an empty password.
   */
  public static Account forNode(NodeConfig config) {
    Optional<String> password = config.isSet(Flags.ETH_PASSWORD) ? Optional.of(config.get(Flags.ETH_PASSWORD)) : Optional.empty();
    Account account = loadOrCreate(config.keystorePath(), config.get(Flags.ETH_ACCT_ADDR), password,
        config.dataDir().resolve(PASSWORD_FILE));
    LOG.info("{} account {} ({}), unlocked with {}", account.created() ? "Created" : "Using", account.address(),
        account.file(), account.unlockedWith());
    if (account.emptyPassword()) {
      LOG.warn("Account {} is encrypted with the empty password: anyone who can read {} can use it. Re-encrypt it with a"
          + " password (e.g. geth account update) and pass that password with -ethPassword (a file is best)",
          account.address(), account.file());
    }
    return account;
  }

  /**
   * @param password     {@code -ethPassword} if the operator set it
   * @param passwordFile where the node keeps the password it made (read when {@code password} is empty)
   */
  public static Account loadOrCreate(Path keystorePath, String accountAddress, Optional<String> password, Path passwordFile) {
    Optional<Path> existing = existingKeyFile(keystorePath, accountAddress);
    if (existing.isPresent()) {
      Path file = existing.get();
      restrict(file);
      if (password.isPresent()) {
        return open(file, password.get(), "-ethPassword");
      }
      return SecretFile.read(passwordFile).map(p -> open(file, p, "the password in " + passwordFile))
          .orElseGet(() -> open(file, "", "the empty password"));
    }
    if (password.isPresent()) {
      if (password.get().isEmpty()) {
        throw new ConfigException("-ethPassword is empty: a new account needs a password (leave -ethPassword unset and"
            + " the node makes a random one in " + passwordFile + ")");
      }
      return create(keystorePath, password.get(), "-ethPassword");
    }
    return create(keystorePath, SecretFile.readOrCreate(passwordFile).value(), "the password in " + passwordFile);
  }

  /**
   * An existing account, as a caller of the operator API unlocks its own: {@code keystorePath} is a
   * key file or a directory ({@code accountAddress} picks among several); nothing is created.
   */
  public static Account unlock(Path keystorePath, String accountAddress, String password) {
    Path file = existingKeyFile(keystorePath, accountAddress).orElseThrow(() -> new ConfigException("no account in keystore "
        + keystorePath + " (./lpnode cli newAccount makes one)"));
    return open(file, password, "-ethPassword");
  }

  /** A new account in keystore directory {@code dir}, encrypted with {@code password} (not empty). */
  public static Account create(Path dir, String password) {
    if (password.isEmpty()) {
      throw new ConfigException("a new account needs a password: give -ethPassword (a file holding it is best)");
    }
    return create(dir, password, "-ethPassword");
  }

  private static Optional<Path> existingKeyFile(Path keystorePath, String accountAddress) {
    if (Files.isRegularFile(keystorePath)) {
      return Optional.of(keystorePath);
    }
    List<Path> keyFiles = keyFiles(keystorePath);
    if (accountAddress != null) {
      return Optional.of(keyFiles.stream().filter(f -> accountAddress.equalsIgnoreCase(addressOf(f))).findFirst()
          .orElseThrow(() -> new ConfigException("no key for account " + accountAddress + " in keystore " + keystorePath)));
    }
    if (keyFiles.size() > 1) {
      throw new ConfigException("keystore " + keystorePath + " holds " + keyFiles.size()
          + " accounts; choose one with -ethAcctAddr");
    }
    return keyFiles.stream().findFirst();
  }

  private static Account open(Path file, String password, String unlockedWith) {
    return new Account(decrypt(file, password), file, false, unlockedWith, password.isEmpty());
  }

  /**
   * A new key, encrypted with scrypt at geth's standard parameters, under its geth file name. web3j
   * writes it into a fresh 0700 directory (where no one else can open it), and it is restricted to
   * 0600 before it moves into the keystore.
   */
  private static Account create(Path dir, String password, String unlockedWith) {
    try {
      OwnerOnly.createDirectories(dir);
      ECKeyPair key = Keys.createEcKeyPair();
      Path staging = Files.createTempDirectory(dir, ".new-key", PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
      try {
        Path written = staging.resolve(WalletUtils.generateWalletFile(password, key, staging.toFile(), true));
        OwnerOnly.restrict(written);
        Path file = Files.move(written, dir.resolve(written.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return new Account(Credentials.create(key), file, true, unlockedWith, false);
      } finally {
        Files.delete(staging);
      }
    } catch (Exception e) {
      throw new ConfigException("cannot create an account in keystore " + dir + ": " + e.getMessage());
    }
  }

  /** Key files written before the node restricted them were 0644; a key file we cannot restrict is said loudly. */
  private static void restrict(Path file) {
    try {
      OwnerOnly.restrict(file);
    } catch (IOException e) {
      LOG.warn("Key file {} may be readable by other users and its permissions cannot be changed ({}): make it 0600",
          file, e.getMessage());
    }
  }

  private static Credentials decrypt(Path file, String password) {
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (CipherException e) {
      throw new ConfigException("cannot unlock " + file + ": wrong password (set -ethPassword to the password or a file holding it)");
    } catch (IOException e) {
      throw new ConfigException("cannot read key file " + file + ": " + e.getMessage());
    }
  }

  private static List<Path> keyFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> addressOf(f) != null).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException("cannot list keystore " + dir + ": " + e.getMessage());
    }
  }

  /** The address a V3 key file declares, 0x-prefixed lowercase, or null if the file is not a key file. */
  private static String addressOf(Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      JsonNode address = node == null ? null : node.get("address");
      if (address == null || !node.has("crypto") && !node.has("Crypto")) {
        return null;
      }
      String hex = address.asText().toLowerCase(Locale.ROOT);
      return hex.startsWith("0x") ? hex : "0x" + hex;
    } catch (IOException e) {
      return null;
    }
  }
}
