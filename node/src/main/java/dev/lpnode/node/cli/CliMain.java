package dev.lpnode.node.cli;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.ValueParsers;
import dev.lpnode.node.api.OperatorApiGuard;
import dev.lpnode.node.cli.CliCommand.Kind;
import dev.lpnode.node.cli.CliCommand.Option;
import dev.lpnode.node.cli.CliCommand.UsageException;
import dev.lpnode.ledger.api.SignedRequest;
import dev.lpnode.node.keys.NodeKeystore;
import dev.lpnode.node.keys.SecretFile;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.crypto.SigningKey;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code ./lpnode cli <command> [flags]}: the node's operator API from a shell, one command per
 * call, no prompts, JSON on stdout, errors on stderr. Exit status 0 when the node did it, 1 when
 * the node refused or could not be reached, 2 for a command line that cannot be used. Flags are
 * written {@code -name value}, {@code --name value} or {@code -name=value}; {@code -cliAddr}
 * (default 127.0.0.1:7935) says where the node's operator API listens, and its token is sent
 * when one is found ({@code -cliAuthToken}, or {@code -dataDir}'s token file); {@code --help}
 * works everywhere.
 */
public final class CliMain {
  static final String DEFAULT_CLI_ADDR = "127.0.0.1:7935";
  /** Flags of every command: where the node is, where its operator API token is, and the account that acts. */
  private static final List<String> GLOBAL_FLAGS = List.of("cliAddr", "cliAuthToken", "dataDir", "ethKeystorePath", "ethAcctAddr",
      "ethPassword");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private CliMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Invocation invocation;
    try {
      invocation = parse(List.of(args));
    } catch (UsageException | ConfigException e) {
      err.println("lpnode cli: " + e.getMessage());
      err.println("Run ./lpnode cli --help for the commands, or ./lpnode cli <command> --help for one.");
      return 2;
    }
    if (invocation.help()) {
      out.print(invocation.command() == null ? usage() : invocation.command().usage());
      return 0;
    }
    if (invocation.command().name().equals(CliCommand.NEW_ACCOUNT)) {
      return newAccount(invocation, out, err);
    }
    return call(invocation, out, err);
  }

  /**
   * A parsed command line: the command (null for global help), its field values, where the node is
   * and the operator API token to send, if one was found. {@code toString} leaves the token out.
   */
  private record Invocation(CliCommand command, Map<String, Object> fields, HostPort node, Optional<String> token,
      Optional<SigningKey> signer, Map<String, String> global, boolean help) {
    @Override
    public String toString() {
      return "Invocation[" + (command == null ? "help" : command.name()) + " " + fields + " at " + node + "]";
    }
  }

  private static Invocation parse(List<String> args) {
    Map<String, String> global = new LinkedHashMap<>(Map.of("cliAddr", DEFAULT_CLI_ADDR));
    CliCommand command = null;
    boolean help = false;
    Map<String, Object> fields = new LinkedHashMap<>();
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        if (command != null) {
          throw new UsageException("unexpected argument " + arg + " after " + command.name());
        }
        command = CliCommand.named(arg).orElseThrow(() -> new UsageException("unknown command " + arg));
        continue;
      }
      String flag = arg.replaceFirst("^--?", "");
      String value = null;
      int eq = flag.indexOf('=');
      if (eq >= 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (List.of("h", "help").contains(flag)) {
        help = true;
        continue;
      }
      Optional<Option> option = command == null ? Optional.empty() : command.option(flag);
      if (!GLOBAL_FLAGS.contains(flag) && option.isEmpty()) {
        throw new UsageException("flag provided but not defined: -" + flag);
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("flag needs an argument: -" + flag);
        }
        value = args.get(++i);
      }
      if (GLOBAL_FLAGS.contains(flag)) {
        global.put(flag, value);
      } else {
        store(option.get(), value, fields, changes);
      }
    }
    if (help) {
      return new Invocation(command, fields, null, Optional.empty(), Optional.empty(), global, true);
    }
    if (command == null) {
      throw new UsageException("no command given");
    }
    if (!changes.isEmpty()) {
      fields.put("changes", String.join(",", changes));
    }
    for (Option o : command.options()) {
      if (o.required() && !fields.containsKey(o.field())) {
        throw new UsageException(command.name() + " needs -" + o.name() + "\n" + command.usage());
      }
    }
    if (global.containsKey("ethAcctAddr") && command.option("account").isPresent()) {
      fields.putIfAbsent("account", Kind.ADDRESS.normalize(global.get("ethAcctAddr")));
    }
    Optional<SigningKey> signer = command.post() && !command.name().equals(CliCommand.NEW_ACCOUNT) ? signer(global) : Optional.empty();
    return new Invocation(command, fields, HostPort.parse(global.get("cliAddr")), token(global), signer, global, false);
  }

  /**
   * The key a state change is signed with, so that it acts for that account: {@code -ethKeystorePath}
   * (a key file, or a directory with {@code -ethAcctAddr}), unlocked here with {@code -ethPassword}
   * (a literal or a file); the key never leaves this process. Without them the node's account acts.
   */
  private static Optional<SigningKey> signer(Map<String, String> global) {
    if (!global.containsKey("ethKeystorePath")) {
      if (global.containsKey("ethAcctAddr")) {
        throw new UsageException("-ethAcctAddr needs -ethKeystorePath: the key file, or the keystore directory holding its key");
      }
      return Optional.empty();
    }
    NodeKeystore.Account account = NodeKeystore.unlock(Path.of(global.get("ethKeystorePath")), global.get("ethAcctAddr"), password(global));
    return Optional.of(SigningKey.of(account.credentials()));
  }

  private static String password(Map<String, String> global) {
    return global.containsKey("ethPassword") ? ValueParsers.LITERAL_OR_FILE.parse(global.get("ethPassword")) : "";
  }

  /** {@code newAccount}: a new key file in {@code -ethKeystorePath}; prints its address. */
  private static int newAccount(Invocation invocation, PrintStream out, PrintStream err) {
    String dir = invocation.global().get("ethKeystorePath");
    if (dir == null || !invocation.global().containsKey("ethPassword")) {
      err.println("lpnode cli: newAccount needs -ethKeystorePath (a directory) and -ethPassword (the password, or a file holding it)");
      return 2;
    }
    try {
      NodeKeystore.Account account = NodeKeystore.create(Path.of(dir), password(invocation.global()));
      out.println(new JsonObject().put("address", account.address()).put("keyFile", account.file().toString()).encodePrettily());
      return 0;
    } catch (ConfigException e) {
      err.println("lpnode cli: newAccount: " + e.getMessage());
      return 1;
    }
  }

  /**
   * {@code -cliAuthToken} (a literal or a file), else the token the node keeps in its data directory
   * ({@code -dataDir}, default {@code ~/.lpData/embedded}) when this user may read it. None is needed
   * on a loopback operator API unless the node was started with {@code -cliAuthToken}.
   */
  private static Optional<String> token(Map<String, String> global) {
    if (global.containsKey("cliAuthToken")) {
      return Optional.of(ValueParsers.LITERAL_OR_FILE.parse(global.get("cliAuthToken")));
    }
    Path dataDir = global.containsKey("dataDir") ? Path.of(global.get("dataDir"))
        : Path.of(System.getProperty("user.home"), ".lpData", "embedded");
    Path file = dataDir.resolve(OperatorApiGuard.TOKEN_FILE);
    return Files.isReadable(file) ? SecretFile.read(file) : Optional.empty();
  }

  private static void store(Option option, String value, Map<String, Object> fields, List<String> changes) {
    String normalized;
    try {
      normalized = option.kind().normalize(value.strip());
    } catch (UsageException e) {
      throw new UsageException("invalid value \"" + value + "\" for flag -" + option.name() + ": " + e.getMessage());
    }
    if (option.kind() == Kind.CHANGE) {
      changes.add(normalized);
    } else if (fields.putIfAbsent(option.field(), normalized) != null) {
      throw new UsageException("flag -" + option.name() + " given twice");
    }
  }

  private static int call(Invocation invocation, PrintStream out, PrintStream err) {
    CliCommand command = invocation.command();
    String host = invocation.node().host().equals("0.0.0.0") ? "127.0.0.1" : invocation.node().host();
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + invocation.node().port();
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    HttpRequest.Builder request;
    if (command.post()) {
      byte[] body = new JsonObject(invocation.fields()).encode().getBytes(StandardCharsets.UTF_8);
      request = HttpRequest.newBuilder(URI.create(base + command.path()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (invocation.signer().isPresent()) {
        Optional<EthAddress> node = nodeAccount(client, base, err);
        if (node.isEmpty()) {
          return 1;
        }
        SignedRequest.headers(invocation.signer().get(), node.get(), "POST", command.path(), body, System.currentTimeMillis())
            .forEach(request::header);
      }
    } else {
      StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
      invocation.fields().forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)));
      request = HttpRequest.newBuilder(URI.create(base + command.path() + query)).GET();
    }
    if (invocation.token().isPresent()) {
      request.header("Authorization", "Bearer " + invocation.token().get());
    }
    Optional<HttpResponse<String>> sent = send(client, request, base, err);
    if (sent.isEmpty()) {
      return 1;
    }
    HttpResponse<String> response = sent.get();
    if (response.statusCode() / 100 == 2) {
      out.println(response.body().stripTrailing());
      return 0;
    }
    err.println("lpnode cli: " + command.name() + ": " + errorMessage(response) + " (HTTP " + response.statusCode() + ")");
    return 1;
  }

  private static Optional<HttpResponse<String>> send(HttpClient client, HttpRequest.Builder request, String base, PrintStream err) {
    try {
      return Optional.of(client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      err.println("lpnode cli: cannot reach the node's operator API at " + base + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the node running, and is -cliAddr right?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("lpnode cli: interrupted");
    }
    return Optional.empty();
  }

  /** The node's own account, which a signed request names so that no other node accepts it. */
  private static Optional<EthAddress> nodeAccount(HttpClient client, String base, PrintStream err) {
    Optional<HttpResponse<String>> status = send(client, HttpRequest.newBuilder(URI.create(base + "/ledgerStatus")).GET(), base, err);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(EthAddress.fromHex(new JsonObject(status.get().body()).getString("nodeAccount")));
    } catch (RuntimeException e) {
      err.println("lpnode cli: the node at " + base + " has no ledger to act on (HTTP " + status.get().statusCode() + ")");
      return Optional.empty();
    }
  }

  private static String errorMessage(HttpResponse<String> response) {
    try {
      String error = new JsonObject(response.body()).getString("error");
      if (error != null) {
        return error;
      }
    } catch (DecodeException | ClassCastException e) {
      // not our JSON: show the body as it is
    }
    return response.body().isBlank() ? "no details" : response.body().strip();
  }

  static String usage() {
    StringBuilder sb = new StringBuilder("""
        Usage: ./lpnode cli [-cliAddr host:port] [-cliAuthToken token|file] [-dataDir dir]
                            [-ethKeystorePath file|dir [-ethAcctAddr 0x…] -ethPassword password|file] <command> [flags]

        Operator commands against a running node's operator API (default -cliAddr %s).
        The operator API token (needed when the node's -cliAddr is not loopback, or it was started with
        -cliAuthToken) is -cliAuthToken, else read from <dataDir>/cliAuthToken (default -dataDir ~/.lpData/embedded).
        Output is JSON; exit status 0 = done, 1 = refused by the node or node unreachable, 2 = bad command line.
        State changes act for the node's own account, or, with -ethKeystorePath, for that account: the key is
        unlocked here (never prompted for) and signs each request; the node never sees it. On a chain network the
        node sends them as transactions from its own account, and acts for no other.
        Amounts are in wei (1000, 5e18). ./lpnode cli <command> --help shows a command's flags.

        Commands:
        """.formatted(DEFAULT_CLI_ADDR));
    for (CliCommand c : CliCommand.ALL) {
      sb.append(String.format("  %-24s %s%n", c.name(), c.summary()));
    }
    return sb.toString();
  }
}
