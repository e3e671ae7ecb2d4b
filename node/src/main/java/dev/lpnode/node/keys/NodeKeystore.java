package dev.lpnode.node.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpnode.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * The node's Ethereum account, from a V3 keystore as geth and go-livepeer keep it: {@code
 * -ethKeystorePath} names a directory or one key file, {@code -ethAcctAddr} picks among several
 * accounts, and a directory without any account gets a new one (encrypted with {@code
 * -ethPassword}). The node never prompts: a password comes from the flag or a file.
 */
public final class NodeKeystore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeKeystore() {}

  /** The loaded account, and whether it was created now. */
  public record Account(Credentials credentials, Path file, boolean created) {
    public String address() {
      return credentials.getAddress();
    }
  }

  public static Account loadOrCreate(Path keystorePath, String accountAddress, String password) {
    if (Files.isRegularFile(keystorePath)) {
      return new Account(decrypt(keystorePath, password), keystorePath, false);
    }
    List<Path> keyFiles = keyFiles(keystorePath);
    if (accountAddress != null) {
      Path file = keyFiles.stream().filter(f -> accountAddress.equalsIgnoreCase(addressOf(f))).findFirst()
          .orElseThrow(() -> new ConfigException("no key for account " + accountAddress + " in keystore " + keystorePath));
      return new Account(decrypt(file, password), file, false);
    }
    if (keyFiles.size() > 1) {
      throw new ConfigException("keystore " + keystorePath + " holds " + keyFiles.size()
          + " accounts; choose one with -ethAcctAddr");
    }
    if (keyFiles.size() == 1) {
      return new Account(decrypt(keyFiles.get(0), password), keyFiles.get(0), false);
    }
    return create(keystorePath, password);
  }

  private static Account create(Path dir, String password) {
    try {
      Files.createDirectories(dir);
      String name = WalletUtils.generateNewWalletFile(password, dir.toFile());
      Path file = dir.resolve(name);
      return new Account(decrypt(file, password), file, true);
    } catch (Exception e) {
      throw new ConfigException("cannot create an account in keystore " + dir + ": " + e.getMessage());
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
